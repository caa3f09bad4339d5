package dev.lightfast.server.intents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.act.ActEvents;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.github.GithubEmulator;
import dev.lightfast.server.TestServer;
import dev.lightfast.server.mcp.GithubHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Intents through the real server over HTTP, acting on the GitHub emulator over real HTTP: a
 * reference read like a question ("the PR that fixed #1"), a cited plan, execution exactly once
 * per idempotency key, retries on 429 and 500, a clear stop on 401, approval by policy, scopes and
 * tenant isolation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntentsEndToEndTest {
    private static final String TOKEN = "ghs_emulated_token_0123456789";
    private static final String REPO = "Codertocat/Hello-World";

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant tenant;
    private GithubEmulator github;

    @BeforeAll
    void start() {
        server = new TestServer(dir.resolve("data"));
        tenant = server.tenant("acme");
        GithubHistory.send(server, tenant);
        github = new GithubEmulator(TOKEN).start();
    }

    @AfterAll
    void stop() {
        github.close();
        server.close();
    }

    @BeforeEach
    void fresh() {
        github.reset();
        github.state().seedIssue(REPO, false, "Spelling error in the README file", "Codertocat");
        github.state().seedPullRequest(REPO, 2, "Update the README with new information.", "Codertocat");
        github.state().repo(REPO, "bug", "urgent");
        credentials(TOKEN);
        server.put("/v1/intent-policy", tenant.apiKey(), Map.of("requireApproval", List.of("rollback")));
    }

    private void credentials(String token) {
        var set = server.put(
                "/v1/connections/" + tenant.connectionId() + "/credentials",
                tenant.apiKey(),
                Map.of("token", token, "apiBase", github.baseUri().toString()));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.text()).doesNotContain(token);
    }

    private TestServer.Reply propose(String key, String intent, Map<String, Object> args, boolean execute) {
        return server.post("/v1/intents", key, Map.of("intent", intent, "args", args, "execute", execute));
    }

    private JsonNode awaitFinished(String id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            var s = server.get("/v1/intents/" + id, tenant.apiKey());
            String state = s.json().path("intent").path("state").asString();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return s.json();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("intent " + id + " did not finish");
    }

    @Test
    void a_comment_on_the_pr_that_fixed_an_issue_is_planned_with_cited_reasons_then_made_once() throws Exception {
        var proposed =
                propose(tenant.apiKey(), "comment", Map.of("on", "the PR that fixed #1", "text", "Thanks!"), false);
        assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
        JsonNode plan = proposed.json().path("intent").path("plan");
        JsonNode call = plan.path("calls").get(0).path("call");
        assertThat(call.path("operation").asString()).isEqualTo("GITHUB_COMMENT");
        assertThat(call.path("arguments").path("repo").asString()).isEqualTo(REPO);
        assertThat(call.path("arguments").path("number").asInt()).isEqualTo(2);
        assertThat(call.path("connectionId").asString()).isEqualTo(tenant.connectionId());
        assertThat(plan.path("resolution").toString()).contains("eventId").contains("github.com");
        assertThat(proposed.json().path("intent").path("state").asString()).isEqualTo("PLANNED");
        // A dry run calls nothing.
        assertThat(github.calls().all()).isEmpty();

        String id = proposed.json().path("intent").path("id").asString();
        // GitHub tells the server about the comment it made, signed, as it would any other.
        github.webhooksTo(new dev.lightfast.emulators.WebhookTarget(
                java.net.URI.create(server.base() + "/webhooks/github/" + tenant.connectionId()), tenant.secret()));
        var executed = server.post("/v1/intents/" + id + "/execute", tenant.apiKey(), Map.of());
        assertThat(executed.status()).as(executed.text()).isEqualTo(202);
        JsonNode done = awaitFinished(id);
        assertThat(done.path("intent").path("state").asString())
                .as(done.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(github.state().issue(REPO, 2).orElseThrow().comments())
                .extracting(c -> c.body())
                .anySatisfy(b -> assertThat(b).contains("Thanks!"));
        String key = call.path("idempotencyKey").asString();
        assertThat(github.calls().applied(key)).isEqualTo(1);

        // Executing again does nothing more.
        server.post("/v1/intents/" + id + "/execute", tenant.apiKey(), Map.of());
        assertThat(github.calls().applied(key)).isEqualTo(1);

        // Every attempt and result is an event in the log, citing the intent's sources.
        var events = server.get("/v1/events?type=lightfast.intent.*&limit=100", tenant.apiKey());
        assertThat(events.text())
                .contains(ActEvents.PROPOSED)
                .contains(ActEvents.CALL_ATTEMPTED)
                .contains(ActEvents.CALL_SUCCEEDED)
                .contains(ActEvents.COMPLETED)
                .contains(id)
                // What the intent acted on is a subject of its events: the action is in that PR's timeline.
                .contains(GithubHistory.PR_KEY);
        // The action's effect came back through Observe: the tool's own webhook, verified and stored.
        // (The tool sends it after answering the call, so it may land a moment after the intent ends.)
        TestServer.Reply observed = null;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            observed = server.get("/v1/events?type=github.issue_comment.*&limit=100", tenant.apiKey());
            if (observed.text().contains("Thanks!")) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(observed.text()).contains("Thanks!");
        assertThat(github.webhooksSent()).allMatch(w -> w.status() == 202);
        github.webhooksTo(null);
        var audit = server.get("/v1/audit?limit=100", tenant.apiKey());
        assertThat(audit.text()).contains("proposed").contains("executing").contains("succeeded");
    }

    @Test
    void rate_limits_and_server_errors_are_retried_until_the_call_succeeds() throws Exception {
        github.switches().fail(FailureMode.RATE_LIMIT, 1, 1, 1, null);
        github.switches().fail(FailureMode.SERVER_ERROR, 1, 2, null, null);
        var proposed = propose(tenant.apiKey(), "label", Map.of("item", "#1", "labels", "bug"), true);
        assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
        JsonNode done = awaitFinished(proposed.json().path("intent").path("id").asString());
        assertThat(done.path("intent").path("state").asString())
                .as(done.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(done.path("attempts")).hasSize(3);
        assertThat(done.path("attempts").get(0).path("status").asInt()).isEqualTo(429);
        assertThat(done.path("attempts").get(1).path("status").asInt()).isEqualTo(500);
        assertThat(github.state().issue(REPO, 1).orElseThrow().labels()).contains("bug");
    }

    @Test
    void an_expired_token_stops_the_plan_with_the_tools_message() throws Exception {
        credentials("ghs_expired_token_000000000");
        var proposed = propose(tenant.apiKey(), "comment", Map.of("on", "#1", "text", "hello"), true);
        JsonNode done = awaitFinished(proposed.json().path("intent").path("id").asString());
        assertThat(done.path("intent").path("state").asString()).isEqualTo("FAILED");
        assertThat(done.path("intent").path("message").asString()).contains("401");
        assertThat(done.path("attempts")).hasSize(1);
        assertThat(github.state().issue(REPO, 1).orElseThrow().comments()).isEmpty();
    }

    @Test
    void an_intent_the_policy_holds_waits_for_another_keys_approval() throws Exception {
        server.put("/v1/intent-policy", tenant.apiKey(), Map.of("requireApproval", List.of("comment")));
        var proposer = key(List.of("read", "propose", "execute"));
        var approver = key(List.of("read", "approve"));
        var proposed = propose(proposer, "comment", Map.of("on", "#2", "text", "approved comment"), true);
        assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
        JsonNode intent = proposed.json().path("intent");
        assertThat(intent.path("state").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(intent.path("plan").path("policy").path("approvalRequired").asBoolean())
                .isTrue();
        assertThat(intent.path("plan").path("policy").path("citations").toString())
                .contains("eventId");
        String id = intent.path("id").asString();
        assertThat(github.calls().all()).isEmpty();

        // It is listed among those waiting (by the state's wire name, as the console asks), with its
        // plan in one line, its calls and its cited reasons.
        JsonNode waiting = listed("awaiting_approval", approver);
        assertThat(waiting.path("state").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(waiting.path("summary").asString()).isNotBlank();
        assertThat(waiting.path("calls").get(0).path("call").path("operation").asString())
                .isEqualTo("GITHUB_COMMENT");
        assertThat(waiting.path("reasons").toString()).contains("eventId").contains("github.com");
        assertThat(waiting.path("policy").path("approvalRequired").asBoolean()).isTrue();
        // The name the state field shows filters as well.
        assertThat(listed("AWAITING_APPROVAL", approver).path("id").asString()).isEqualTo(id);

        // The proposer may not approve its own plan.
        assertThat(server.post("/v1/intents/" + id + "/approve", proposer, Map.of())
                        .status())
                .isEqualTo(403);
        var approved = server.post("/v1/intents/" + id + "/approve", approver, Map.of());
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        JsonNode done = awaitFinished(id);
        assertThat(done.path("intent").path("state").asString())
                .as(done.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(done.path("approvals").get(0).path("approver").asString()).isNotBlank();
        assertThat(github.state().issue(REPO, 2).orElseThrow().comments())
                .extracting(c -> c.body())
                .anySatisfy(b -> assertThat(b).contains("approved comment"));
        assertThat(server.get("/v1/intents?status=awaiting_approval&limit=200", approver)
                        .get("intents")
                        .findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(listed("executing,succeeded,failed", approver).path("state").asString())
                .isEqualTo("SUCCEEDED");
    }

    /** The intent of this test's newest in the list filtered by {@code status}, as {@code key} reads it. */
    private JsonNode listed(String status, String key) {
        var page = server.get("/v1/intents?status=" + status + "&limit=1", key);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.get("intents")).hasSize(1);
        return page.get("intents").get(0);
    }

    @Test
    void the_list_pages_newest_first_and_refuses_an_unknown_state_or_cursor() {
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var p = propose(tenant.apiKey(), "comment", Map.of("on", "#1", "text", "page " + i), false);
            assertThat(p.status()).as(p.text()).isEqualTo(201);
            ids.add(0, p.json().path("intent").path("id").asString());
        }
        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            var page = server.get(
                    "/v1/intents?status=planned&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    tenant.apiKey());
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.get("intents").size()).isLessThanOrEqualTo(2);
            page.get("intents").forEach(i -> {
                assertThat(i.path("state").asString()).isEqualTo("PLANNED");
                seen.add(i.path("id").asString());
            });
            cursor = page.json().has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        } while (cursor != null);
        // Newest first: the three just proposed lead, in reverse order of proposal.
        assertThat(seen.subList(0, 3)).isEqualTo(ids);
        assertThat(seen).doesNotHaveDuplicates();

        var bad = server.get("/v1/intents?status=waiting", tenant.apiKey());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("awaiting_approval");
        var badCursor = server.get("/v1/intents?cursor=nonsense", tenant.apiKey());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.text()).contains("cursor");
    }

    @Test
    void a_key_without_the_scope_is_refused_and_another_tenant_sees_nothing() {
        var reader = key(List.of("read"));
        var refused = propose(reader, "comment", Map.of("on", "#1", "text", "x"), false);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("propose");

        var proposer = key(List.of("propose"));
        var dry = propose(proposer, "comment", Map.of("on", "#1", "text", "x"), true);
        assertThat(dry.status()).isEqualTo(403);
        var planned = propose(proposer, "comment", Map.of("on", "#1", "text", "x"), false);
        String id = planned.json().path("intent").path("id").asString();
        assertThat(server.post("/v1/intents/" + id + "/execute", proposer, Map.of())
                        .status())
                .isEqualTo(403);

        var other = server.tenant("globex");
        assertThat(server.get("/v1/intents/" + id, other.apiKey()).status()).isEqualTo(404);
        assertThat(server.post("/v1/intents/" + id + "/execute", other.apiKey(), Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(server.get("/v1/audit", other.apiKey()).json().path("entries"))
                .isEmpty();
        assertThat(server.get("/v1/intents", other.apiKey()).json().path("intents"))
                .isEmpty();
        // Listing needs read; the key that may only propose lists nothing.
        assertThat(server.get("/v1/intents", proposer).status()).isEqualTo(403);
        assertThat(server.get("/v1/intents", reader).get("intents").findValuesAsString("id"))
                .contains(id);
    }

    @Test
    void a_reference_that_names_nothing_says_what_was_tried() {
        var r = propose(tenant.apiKey(), "comment", Map.of("on", "#999", "text", "x"), false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("#999");
        var unknown = server.post("/v1/intents", tenant.apiKey(), Map.of("intent", "dance", "args", Map.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("notify");
    }

    private String key(List<String> scopes) {
        var issued = server.post("/v1/keys", tenant.apiKey(), Map.of("scopes", scopes));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.get("apiKey").stringValue();
    }
}
