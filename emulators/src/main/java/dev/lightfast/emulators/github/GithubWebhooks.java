package dev.lightfast.emulators.github;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.OutgoingWebhook;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's webhooks for the changes the emulator makes ({@code issue_comment.created}, {@code
 * issues.opened}, {@code issues.assigned}, {@code issues.labeled}, {@code
 * pull_request.review_requested}), shaped as GitHub documents them and signed with {@code
 * X-Hub-Signature-256}.
 */
final class GithubWebhooks {
    private final GithubState state;

    GithubWebhooks(GithubState state) {
        this.state = state;
    }

    OutgoingWebhook commentCreated(GithubState.Repo r, GithubState.Issue i, GithubState.Comment c) {
        ObjectNode p = envelope("created", r);
        p.set("issue", state.issueJson(r, i));
        p.set("comment", state.commentJson(r, i, c));
        return signed("issue_comment", "created", p);
    }

    OutgoingWebhook issueOpened(GithubState.Repo r, GithubState.Issue i) {
        ObjectNode p = envelope("opened", r);
        p.set("issue", state.issueJson(r, i));
        return signed("issues", "opened", p);
    }

    OutgoingWebhook issueAssigned(GithubState.Repo r, GithubState.Issue i, String assignee) {
        ObjectNode p = envelope("assigned", r);
        p.set("issue", state.issueJson(r, i));
        p.set("assignee", GithubState.user(assignee));
        return signed("issues", "assigned", p);
    }

    OutgoingWebhook issueLabeled(GithubState.Repo r, GithubState.Issue i, String label) {
        ObjectNode p = envelope("labeled", r);
        p.set("issue", state.issueJson(r, i));
        p.putObject("label").put("name", label).put("color", "ededed");
        return signed("issues", "labeled", p);
    }

    OutgoingWebhook reviewRequested(GithubState.Repo r, GithubState.Issue pr, String reviewer) {
        ObjectNode p = envelope("review_requested", r);
        p.put("number", pr.number);
        p.set("pull_request", state.pullJson(r, pr));
        p.set("requested_reviewer", GithubState.user(reviewer));
        return signed("pull_request", "review_requested", p);
    }

    private ObjectNode envelope(String action, GithubState.Repo r) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("action", action);
        p.set("repository", state.repoJson(r));
        p.set("sender", GithubState.user(state.actor()));
        return p;
    }

    /** The secret is applied when sending: the emulator signs with the target's secret. */
    private static OutgoingWebhook signed(String event, String action, ObjectNode payload) {
        return new OutgoingWebhook(
                event + "." + action, Map.of("X-GitHub-Event", event), Json.MAPPER.writeValueAsBytes(payload));
    }

    /** The headers GitHub adds to a delivery, signed under the webhook's secret. */
    static Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return Map.of(
                "Content-Type",
                "application/json",
                "User-Agent",
                "GitHub-Hookshot/emulator",
                "X-GitHub-Event",
                webhook.headers().get("X-GitHub-Event"),
                "X-GitHub-Delivery",
                UUID.randomUUID().toString(),
                "X-GitHub-Hook-ID",
                "1",
                "X-Hub-Signature-256",
                "sha256=" + HmacSignatures.hmacSha256Hex(secret, webhook.body()));
    }
}
