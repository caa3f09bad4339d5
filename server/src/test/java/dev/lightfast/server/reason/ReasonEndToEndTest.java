package dev.lightfast.server.reason;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Truth, conflicts, operator statements and why-chains through the real server, from the tools'
 * own signed payloads: a pull request titled for Linear's ENG-7 is open while Linear says ENG-7 is
 * Done (a conflict the code host wins), an operator states otherwise (kept as an event, it wins over
 * what came before it), then the change is merged, deployed and an error is reported from its
 * release (a why-chain from the incident back to the issue). Every bad input is a 4xx with the
 * error shape, and nothing crosses tenants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReasonEndToEndTest {
    private static final String LINEAR_SECRET = "lin_wh_reason_test_secret";
    private static final String SENTRY_SECRET = "sentry-client-secret-for-the-reason-test";
    private static final String REPO = "Codertocat/Hello-World";
    private static final String MERGE = "aa9f2c473eb520fd2afd53f332a6bd80f0cb59ac";
    private static final String ENG7 = EntityIds.of("issue", "linear:ENG-7");

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private String linear;
    private String sentry;
    private final AtomicInteger deliveries = new AtomicInteger();
    private long prOpenedSeq;
    private long linearDoneSeq;

    @BeforeAll
    void story() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        linear = connect("linear", LINEAR_SECRET);
        sentry = connect("sentry", SENTRY_SECRET);
        prOpenedSeq = seq(pullRequest("opened", Instant.parse("2026-03-01T10:00:00Z")));
        review("octocat", Instant.parse("2026-03-01T10:20:00Z"));
        linearDoneSeq = seq(linearDone("ENG-7", Instant.parse("2026-03-01T10:30:00Z")));
        server.awaitProjected(acme);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String connect(String provider, String secret) {
        var created = server.post("/v1/connections", acme.apiKey(), Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").stringValue();
    }

    private long seq(String eventId) {
        return server.get("/v1/events/" + eventId, acme.apiKey()).get("seq").asLong();
    }

    private static ObjectNode github(String fixture) {
        return (ObjectNode) Json.MAPPER.readTree(GithubFixtures.get(fixture).body());
    }

    /** Pull request #2 for Linear's ENG-7, fixing #1: opened, or merged as {@link #MERGE}. */
    private String pullRequest(String action, Instant at) {
        ObjectNode body =
                github(action.equals("opened") ? "pull_request/00-opened.json" : "pull_request/03-closed.json");
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("title", "ENG-7: Retry the bank call once");
        pr.put("body", "Fixes #1");
        pr.put("updated_at", at.toString());
        if (action.equals("opened")) {
            pr.put("created_at", at.toString());
        }
        ((ObjectNode) pr.get("head")).put("ref", "eng-7-retry-the-bank-call");
        if (!action.equals("opened")) {
            pr.put("merged", true);
            pr.put("merged_at", at.toString());
            pr.put("closed_at", at.toString());
            pr.put("merge_commit_sha", MERGE);
        }
        return postGithub("pull_request", body);
    }

    /** Issue #1 closed (done) or reopened at {@code at}. */
    private String issue(String action, Instant at) {
        ObjectNode body = github(action.equals("reopened") ? "issues/20-reopened.json" : "issues/15-opened.json");
        body.put("action", action);
        ObjectNode issue = (ObjectNode) body.get("issue");
        issue.put("state", action.equals("closed") ? "closed" : "open");
        issue.put("state_reason", action.equals("closed") ? "completed" : "reopened");
        issue.put("updated_at", at.toString());
        if (action.equals("closed")) {
            issue.put("closed_at", at.toString());
        }
        return postGithub("issues", body);
    }

    /** A review of pull request #2 by someone other than its author. */
    private String review(String reviewer, Instant at) {
        ObjectNode body = github("pull_request_review/00-submitted.json");
        ObjectNode review = (ObjectNode) body.get("review");
        review.put("state", "APPROVED");
        review.put("submitted_at", at.toString());
        ((ObjectNode) review.get("user")).put("login", reviewer);
        ((ObjectNode) body.get("sender")).put("login", reviewer);
        return postGithub("pull_request_review", body);
    }

    private String deployment(String fixture, Instant at) {
        ObjectNode body = github(fixture);
        ObjectNode d = (ObjectNode) body.get("deployment");
        d.put("sha", MERGE);
        d.put("environment", "production");
        d.put("production_environment", true);
        d.put("created_at", at.toString());
        d.put("updated_at", at.toString());
        if (body.has("deployment_status")) {
            ((ObjectNode) body.get("deployment_status"))
                    .put("state", "success")
                    .put("environment", "production")
                    .put("created_at", at.toString())
                    .put("updated_at", at.toString());
        }
        return postGithub(fixture.substring(0, fixture.indexOf('/')), body);
    }

    private String postGithub(String event, ObjectNode body) {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        return stored(server.github(acme, event, "reason-test-" + deliveries.incrementAndGet(), bytes));
    }

    private String linearDone(String identifier, Instant at) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(LinearFixtures.body("issue-update-done.json"));
        ObjectNode data = (ObjectNode) body.get("data");
        String url = "https://linear.app/acme/issue/" + identifier + "/retry";
        data.put("identifier", identifier);
        data.put("number", Integer.parseInt(identifier.substring(identifier.indexOf('-') + 1)));
        data.put("title", "Retry the bank call once");
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
        return stored(server.postBytes(
                "/webhooks/linear/" + linear,
                null,
                bytes,
                LinearFixtures.signedHeaders("Issue", "linear-" + deliveries.incrementAndGet(), LINEAR_SECRET, bytes)));
    }

    /** Sentry's alert for an error in production from the merge's release, in the repository's service. */
    private String sentryAlert(Instant at) {
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(
                SentryFixtures.get("event-alert-triggered.json").body());
        ObjectNode event = (ObjectNode) ((ObjectNode) body.get("data")).get("event");
        event.put("release", MERGE);
        event.put("environment", "production");
        event.put("datetime", at.toString());
        event.remove("timestamp");
        event.put("url", "https://sentry.io/api/0/projects/acme/hello-world/events/0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5/");
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        return stored(server.postBytes(
                "/webhooks/sentry/" + sentry,
                null,
                bytes,
                SentryFixtures.signedHeaders(
                        "event_alert", "req-" + deliveries.incrementAndGet(), SENTRY_SECRET, bytes, Instant.now())));
    }

    private static String stored(TestServer.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        return reply.get("eventIds").get(0).stringValue();
    }

    private JsonNode truth(String query) {
        var reply = server.get("/v1/truth/" + ENG7 + query, acme.apiKey());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.get("truths").get(0);
    }

    private JsonNode conflictAboutEng7(String query) {
        var reply = server.get("/v1/conflicts" + query, acme.apiKey());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.get("conflicts")
                .valueStream()
                .filter(c -> c.get("entity").get("id").stringValue().equals(ENG7))
                .findFirst()
                .orElse(null);
    }

    private static void error(TestServer.Reply reply, int status, String words) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.get("error").get("code").stringValue()).isNotBlank();
        assertThat(reply.get("error").get("message").stringValue()).contains(words);
    }

    @Test
    void linear_done_while_its_fixing_pull_request_is_open_is_a_conflict_the_code_host_wins_and_an_operator_settles()
            throws Exception {
        JsonNode conflict = conflictAboutEng7("");
        assertThat(conflict).as("Linear says Done, the pull request is open").isNotNull();
        assertThat(conflict.get("openedSeq").asLong()).isEqualTo(linearDoneSeq);
        JsonNode verdict = conflict.get("verdict");
        assertThat(verdict.get("value").stringValue()).isEqualTo("in_review");
        assertThat(verdict.get("rationale").stringValue())
                .contains("GitHub says the pull request that fixes it is still open (" + REPO + "#2")
                .contains("Linear says Done (ENG-7")
                .contains("policy for state: the code host");
        // As of the pull request alone, before Linear's Done, GitHub's word stood unopposed.
        JsonNode before = truth("?attribute=state&asOf=" + prOpenedSeq);
        assertThat(before.get("value").stringValue()).isEqualTo("in_review");
        assertThat(before.get("conflict").asBoolean()).isFalse();
        assertThat(before.get("losers")).isEmpty();

        // An operator states it, knowing both: kept as an event, it wins over what came before it.
        Map<String, Object> statement = Map.of(
                "kind", "issue",
                "key", "linear:ENG-7",
                "attribute", "state",
                "value", "Done",
                "note", "shipped behind a flag; the pull request only removes the flag",
                "by", "Lena",
                "idempotencyKey", "eng-7-done");
        var stated = server.post("/v1/claims", acme.apiKey(), statement);
        assertThat(stated.status()).as(stated.text()).isEqualTo(201);
        assertThat(stated.get("value").stringValue()).isEqualTo("done");
        assertThat(stated.get("entityId").stringValue()).isEqualTo(ENG7);
        var again = server.post("/v1/claims", acme.apiKey(), statement);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        String eventId = stated.get("eventId").stringValue();
        var event = server.get("/v1/events/" + eventId, acme.apiKey());
        assertThat(event.get("source").stringValue()).isEqualTo("claims");
        assertThat(event.get("type").stringValue()).isEqualTo("claims.claim.stated");
        assertThat(event.get("body").stringValue()).contains("behind a flag");
        server.awaitProjected(acme);

        JsonNode now = truth("?attribute=state");
        assertThat(now.get("value").stringValue()).isEqualTo("done");
        assertThat(now.get("winner").get("role").stringValue()).isEqualTo("operator");
        assertThat(now.get("winner").get("citation").get("eventId").stringValue())
                .isEqualTo(eventId);
        assertThat(now.get("conflict").asBoolean()).isFalse();
        assertThat(now.get("losers").valueStream().map(l -> l.get("why").stringValue()))
                .allSatisfy(why -> assertThat(why).contains("operator"));
        assertThat(now.get("rationale").stringValue()).contains("Lena stated done");
        assertThat(conflictAboutEng7("")).as("settled").isNull();
        assertThat(conflictAboutEng7("?asOf=" + (seq(eventId) - 1)))
                .as("open before the statement")
                .isNotNull();

        // Then the change is merged, deployed, and Sentry reports an error from its release.
        pullRequest("merged", Instant.parse("2026-03-01T11:00:00Z"));
        deployment("deployment/00-created.json", Instant.parse("2026-03-01T11:05:00Z"));
        deployment("deployment_status/00-created.json", Instant.parse("2026-03-01T11:07:00Z"));
        issue("closed", Instant.parse("2026-03-01T11:00:02Z"));
        String alert = sentryAlert(Instant.parse("2026-03-01T11:09:00Z"));
        issue("reopened", Instant.parse("2026-03-01T11:30:00Z"));
        server.awaitProjected(acme);
        assertThat(truth("?attribute=state").get("conflict").asBoolean())
                .as("merged: all agree")
                .isFalse();

        var why = server.get("/v1/why/" + alert, acme.apiKey());
        assertThat(why.status()).as(why.text()).isEqualTo(200);
        var kinds = new java.util.ArrayList<String>();
        kinds.add(why.get("start").get("kind").stringValue());
        why.get("steps").forEach(s -> kinds.add(s.get("cause").get("kind").stringValue()));
        assertThat(kinds).containsExactly("incident", "deployment", "commit", "pull_request", "issue");
        for (JsonNode step : why.get("steps")) {
            assertThat(step.get("basis").stringValue()).isEqualTo("asserted");
            assertThat(step.get("citations")).isNotEmpty();
        }
        assertThat(why.get("steps").get(0).get("rationale").stringValue())
                .contains("release " + MERGE.substring(0, 12))
                .contains("production");
        // What the repository's service runs, as GitHub's deployment and Sentry's release say.
        var production = server.get(
                "/v1/truth/" + EntityIds.of("service", "service:hello-world") + "?attribute=production", acme.apiKey());
        assertThat(production.status()).as(production.text()).isEqualTo(200);
        assertThat(production.get("truths").get(0).get("value").stringValue()).isEqualTo(MERGE);
        assertThat(production.get("truths").get(0).get("rationale").stringValue())
                .contains("they agree");
        var patterns = server.get("/v1/patterns?kind=deploy_then_incident", acme.apiKey());
        assertThat(patterns.get("patterns").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(patterns.get("patterns").get(0).get("summary").stringValue())
                .startsWith("1 of 1 deployment of hello-world to production was followed by an incident there within 60"
                        + " minutes");
        // Issue #1, closed by the merge and reopened half an hour later: reopened work, both events cited.
        var reopened = server.get("/v1/patterns?kind=reopened_work", acme.apiKey())
                .get("patterns")
                .get(0);
        assertThat(reopened.get("area").stringValue()).isEqualTo("hello-world");
        assertThat(reopened.get("summary").stringValue()).contains(REPO + "#1");
        assertThat(reopened.get("supporting")
                        .valueStream()
                        .map(c -> c.get("type").stringValue()))
                .contains("github.issue.closed", "github.issue.reopened");
        var turnaround = server.get("/v1/patterns?kind=review_turnaround", acme.apiKey())
                .get("patterns")
                .get(0);
        assertThat(turnaround.get("minutes").get("median").asLong()).isEqualTo(20);
        assertThat(turnaround
                        .get("supporting")
                        .valueStream()
                        .map(c -> c.get("type").stringValue()))
                .contains("github.pull_request.opened", "github.pull_request_review.submitted");
        var risk = server.get("/v1/risk/" + EntityIds.of("pull_request", "github:" + REPO + "/pull/2"), acme.apiKey());
        assertThat(risk.status()).as(risk.text()).isEqualTo(200);
        assertThat(risk.get("incidents").asInt()).isEqualTo(1);
    }

    @Test
    void bad_input_gets_a_4xx_that_says_what_to_fix_and_nothing_is_stored() {
        long last = server.get("/v1/projections", acme.apiKey()).get("lastSeq").asLong();
        error(
                server.post("/v1/claims", acme.apiKey(), Map.of("entity", ENG7, "attribute", "color", "value", "red")),
                400,
                "attribute must be one of state, merged, assignee, production, shipped");
        error(
                server.post(
                        "/v1/claims", acme.apiKey(), Map.of("entity", ENG7, "attribute", "state", "value", "finished")),
                400,
                "state takes open, in_progress, in_review, done, canceled");
        error(
                server.post("/v1/claims", acme.apiKey(), Map.of("attribute", "state", "value", "done")),
                400,
                "name the entity");
        error(
                server.post(
                        "/v1/claims",
                        acme.apiKey(),
                        Map.of("entity", "ent_nope", "attribute", "state", "value", "done")),
                404,
                "no entity 'ent_nope'");
        error(server.postBytes("/v1/claims", acme.apiKey(), new byte[0], Map.of()), 400, "JSON body");
        error(
                server.post(
                        "/v1/claims",
                        acme.apiKey(),
                        Map.of(
                                "entity",
                                ENG7,
                                "attribute",
                                "state",
                                "value",
                                "done",
                                "validFrom",
                                "2999-01-01T00:00:00Z")),
                400,
                "future");
        error(
                server.post(
                        "/v1/events",
                        acme.apiKey(),
                        Map.of("source", "claims", "type", "claims.claim.stated", "title", "x")),
                400,
                "POST /v1/claims");
        assertThat(server.get("/v1/projections", acme.apiKey()).get("lastSeq").asLong())
                .isEqualTo(last);

        error(server.get("/v1/truth/ent_nope", acme.apiKey()), 404, "no entity 'ent_nope'");
        error(server.get("/v1/truth/" + ENG7 + "?attribute=color", acme.apiKey()), 400, "attribute must be one of");
        error(server.get("/v1/truth/" + ENG7 + "?asOf=yesterday", acme.apiKey()), 400, "asOf must be");
        error(server.get("/v1/conflicts?cursor=garbage", acme.apiKey()), 400, "cursor");
        error(server.get("/v1/conflicts?limit=0", acme.apiKey()), 400, "limit");
        error(server.get("/v1/why/ent_nope", acme.apiKey()), 404, "no entity");
        error(server.get("/v1/why/01NOSUCHEVENT0000000000000", acme.apiKey()), 404, "no event or entity");
        error(server.get("/v1/patterns?kind=weather", acme.apiKey()), 400, "kind must be one of");
        error(server.get("/v1/patterns?within=0", acme.apiKey()), 400, "within");
        error(server.get("/v1/risk/" + ENG7, acme.apiKey()), 400, "pull request or a deployment");
        for (String path : List.of("/v1/truth/" + ENG7, "/v1/conflicts", "/v1/why/" + ENG7, "/v1/patterns")) {
            assertThat(server.get(path, null).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void nothing_crosses_tenants() {
        var globex = server.tenant("globex");
        error(server.get("/v1/truth/" + ENG7, globex.apiKey()), 404, "no entity");
        assertThat(server.get("/v1/conflicts", globex.apiKey()).get("conflicts"))
                .isEmpty();
        assertThat(server.get("/v1/patterns", globex.apiKey()).get("patterns")).isEmpty();
        error(
                server.post(
                        "/v1/claims", globex.apiKey(), Map.of("entity", ENG7, "attribute", "state", "value", "done")),
                404,
                "no entity");
        error(server.get("/v1/why/" + ENG7, globex.apiKey()), 404, "no entity");
    }
}
