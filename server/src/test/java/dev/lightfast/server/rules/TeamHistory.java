package dev.lightfast.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant with GitHub, Linear and Sentry connected, and the tools' own example payloads (octokit's
 * GitHub examples, Linear's and Sentry's documented shapes) changed field by field into a story,
 * signed with each connection's secret and posted to the real webhook endpoints. Each post answers
 * the id of the event it stored.
 */
final class TeamHistory {
    static final String REPO = "Codertocat/Hello-World";
    private static final String LINEAR_SECRET = "lin_wh_rules_test_secret";
    private static final String SENTRY_SECRET = "sentry-client-secret-for-the-rules-test";

    private final TestServer server;
    final TestServer.TestTenant tenant;
    private final String linear;
    private final String sentry;
    private final AtomicInteger deliveries = new AtomicInteger();

    TeamHistory(TestServer server, String tenantId) {
        this.server = server;
        this.tenant = server.tenant(tenantId);
        this.linear = connect("linear", LINEAR_SECRET);
        this.sentry = connect("sentry", SENTRY_SECRET);
    }

    String key() {
        return tenant.apiKey();
    }

    private String connect(String provider, String secret) {
        var created = server.post("/v1/connections", tenant.apiKey(), Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").stringValue();
    }

    private static ObjectNode github(String fixture) {
        return (ObjectNode) Json.MAPPER.readTree(GithubFixtures.get(fixture).body());
    }

    private static ObjectNode object(JsonNode node) {
        return (ObjectNode) node;
    }

    /** A pull request opened into {@code base} by {@code author}, titled {@code title}, with head commit {@code head}. */
    String opened(int number, String author, String base, String title, Instant at, String head) {
        ObjectNode body = github("pull_request/00-opened.json");
        ObjectNode pr = pullRequest(body, number, author, base, title, at, head);
        pr.put("created_at", at.toString());
        pr.put("state", "open");
        return postGithub("pull_request", body);
    }

    /** The pull request merged at {@code at} as {@code mergeSha}. */
    String merged(int number, String author, String base, String title, Instant at, String head, String mergeSha) {
        ObjectNode body = github("pull_request/03-closed.json");
        ObjectNode pr = pullRequest(body, number, author, base, title, at, head);
        pr.put("state", "closed");
        pr.put("merged", true);
        pr.put("merged_at", at.toString());
        pr.put("closed_at", at.toString());
        pr.put("merge_commit_sha", mergeSha);
        object(pr.get("merged_by")).put("login", "maintainer");
        return postGithub("pull_request", body);
    }

    private static ObjectNode pullRequest(
            ObjectNode body, int number, String author, String base, String title, Instant at, String head) {
        body.put("number", number);
        ObjectNode pr = object(body.get("pull_request"));
        pr.put("number", number);
        pr.put("title", title);
        pr.put("body", "");
        pr.put("updated_at", at.toString());
        pr.put("html_url", "https://github.com/" + REPO + "/pull/" + number);
        object(pr.get("user")).put("login", author);
        object(pr.get("base")).put("ref", base);
        object(pr.get("head")).put("ref", "topic-" + number);
        object(pr.get("head")).put("sha", head);
        if (!pr.has("merged_by") || pr.get("merged_by").isNull()) {
            pr.set("merged_by", Json.MAPPER.createObjectNode().put("login", "maintainer"));
        }
        return pr;
    }

    /** A review of the pull request by {@code reviewer}, in {@code state} (approved, commented, ...). */
    String review(int number, String author, String reviewer, String state, Instant at) {
        ObjectNode body = github("pull_request_review/00-submitted.json");
        ObjectNode review = object(body.get("review"));
        review.put("id", 9_000_000 + deliveries.incrementAndGet());
        review.put("state", state.toUpperCase(java.util.Locale.ROOT));
        review.put("submitted_at", at.toString());
        review.put("body", "");
        review.put(
                "html_url",
                "https://github.com/" + REPO + "/pull/" + number + "#pullrequestreview-" + review.get("id"));
        object(review.get("user")).put("login", reviewer);
        ObjectNode pr = object(body.get("pull_request"));
        pr.put("number", number);
        pr.put("title", "pull request " + number);
        object(pr.get("user")).put("login", author);
        object(pr.get("base")).put("ref", "main");
        object(body.get("sender")).put("login", reviewer);
        return postGithub("pull_request_review", body);
    }

    /** A deployment of {@code sha} to {@code environment}, created at {@code at}. */
    String deployment(long id, String sha, String environment, Instant at) {
        ObjectNode body = github("deployment/00-created.json");
        ObjectNode d = object(body.get("deployment"));
        d.put("id", id);
        d.put("sha", sha);
        d.put("ref", "main");
        d.put("environment", environment);
        d.put("original_environment", environment);
        d.put("production_environment", environment.equals("production"));
        d.put("created_at", at.toString());
        d.put("updated_at", at.toString());
        return postGithub("deployment", body);
    }

    private String postGithub(String event, ObjectNode body) {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        var reply = server.github(tenant, event, "rules-test-" + deliveries.incrementAndGet(), bytes);
        return stored(reply);
    }

    /** Linear issue {@code identifier} moved to Done at {@code at}. */
    String done(String identifier, Instant at) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(LinearFixtures.body("issue-update-done.json"));
        ObjectNode data = object(body.get("data"));
        int number = Integer.parseInt(identifier.substring(identifier.indexOf('-') + 1));
        String url = "https://linear.app/acme/issue/" + identifier + "/work";
        data.put("identifier", identifier);
        data.put("number", number);
        data.put("title", "work for " + identifier);
        data.put("description", "");
        data.put("url", url);
        data.put("updatedAt", at.toString());
        data.put("completedAt", at.toString());
        body.put("url", url);
        body.put("createdAt", at.toString());
        ObjectNode from = Json.MAPPER.createObjectNode();
        from.put("stateId", "11111111-aaaa-4bbb-8ccc-000000000002");
        from.put("updatedAt", at.minusSeconds(3600).toString());
        body.set("updatedFrom", from);
        byte[] bytes = LinearFixtures.withTimestamp(Json.MAPPER.writeValueAsBytes(body), Instant.now());
        var reply = server.postBytes(
                "/webhooks/linear/" + linear,
                null,
                bytes,
                LinearFixtures.signedHeaders("Issue", "linear-" + deliveries.incrementAndGet(), LINEAR_SECRET, bytes));
        return stored(reply);
    }

    /** Sentry's "new issue" alert for issue {@code issueId} in {@code environment}, for an error at {@code at}. */
    String alert(String issueId, String environment, Instant at) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
                SentryFixtures.get("event-alert-triggered.json").body());
        ObjectNode event = object(object(body.get("data")).get("event"));
        event.put("issue_id", issueId);
        event.put("environment", environment);
        event.put("datetime", at.toString());
        event.remove("timestamp");
        event.put("event_id", "evt" + deliveries.incrementAndGet());
        return postSentry("event_alert", body);
    }

    /** Sentry issue {@code issueId} assigned (now: Sentry's assignment webhook carries no time of its own). */
    String assigned(String issueId) {
        ObjectNode body = (ObjectNode)
                Json.MAPPER.readTree(SentryFixtures.get("issue-assigned.json").body());
        object(object(body.get("data")).get("issue")).put("id", issueId);
        return postSentry("issue", body);
    }

    private String postSentry(String resource, ObjectNode body) {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        var reply = server.postBytes(
                "/webhooks/sentry/" + sentry,
                null,
                bytes,
                SentryFixtures.signedHeaders(
                        resource, "req-" + deliveries.incrementAndGet(), SENTRY_SECRET, bytes, Instant.now()));
        return stored(reply);
    }

    private static String stored(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        JsonNode ids = reply.get("eventIds");
        assertThat(ids).as(reply.text()).hasSize(1);
        return ids.get(0).stringValue();
    }

    /** Creates a rule; answers its id. */
    String rule(Map<String, Object> rule) {
        var created = server.post("/v1/rules", tenant.apiKey(), rule);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").stringValue();
    }

    /** Every violation of a rule, through the paged API. */
    List<JsonNode> violations(String ruleId) {
        var out = new java.util.ArrayList<JsonNode>();
        String cursor = null;
        do {
            var page = server.get(
                    "/v1/violations?limit=2&rule=" + ruleId + (cursor == null ? "" : "&cursor=" + cursor),
                    tenant.apiKey());
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.get("violations").forEach(out::add);
            cursor = page.json().has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        } while (cursor != null);
        return out;
    }

    /** A violation's trigger event id to its status. */
    Map<String, String> verdicts(String ruleId) {
        var out = new LinkedHashMap<String, String>();
        for (JsonNode v : violations(ruleId)) {
            out.put(
                    v.get("trigger").get("eventId").stringValue(),
                    v.get("status").stringValue());
        }
        return out;
    }
}
