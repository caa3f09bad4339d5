package dev.lightfast.server.mcp;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small, known history from GitHub's own example payloads, sent signed through the webhook:
 * issue #1 opened; PR #2 opened saying "Fixes #1"; reviewed; merged; its merge commit deployed.
 */
public final class GithubHistory {
    public static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    public static final String PR_KEY = "github:Codertocat/Hello-World/pull/2";
    public static final String ISSUE_KEY = "github:Codertocat/Hello-World/issues/1";

    private GithubHistory() {}

    public static void send(TestServer server, TestServer.TestTenant tenant) {
        post(server, tenant, "issues/15-opened.json", "d-issue", b -> {});
        post(
                server,
                tenant,
                "pull_request/00-opened.json",
                "d-pr-opened",
                b -> ((ObjectNode) b.get("pull_request")).put("body", "Fixes #1: correct the spelling in the README."));
        post(server, tenant, "pull_request_review/00-submitted.json", "d-review", b -> {});
        post(server, tenant, "pull_request/03-closed.json", "d-merged", b -> {
            var pr = (ObjectNode) b.get("pull_request");
            pr.put("merged", true);
            pr.put("merge_commit_sha", SHA);
            pr.set("merged_by", b.get("sender"));
        });
        post(
                server,
                tenant,
                "deployment/00-created.json",
                "d-deploy",
                b -> ((ObjectNode) b.get("deployment")).put("sha", SHA));
        server.awaitProjected(tenant);
    }

    private static void post(
            TestServer server, TestServer.TestTenant tenant, String path, String delivery, Consumer<ObjectNode> edit) {
        var fixture = GithubFixtures.get(path);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(fixture.body());
        edit.accept(body);
        var reply = server.github(tenant, fixture.event(), delivery, Json.MAPPER.writeValueAsBytes(body));
        if (reply.status() != 202) {
            throw new IllegalStateException(path + " was answered " + reply);
        }
    }
}
