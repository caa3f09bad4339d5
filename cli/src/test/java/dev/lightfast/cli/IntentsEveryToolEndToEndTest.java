package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.github.GithubEmulator;
import dev.lightfast.emulators.linear.LinearEmulator;
import dev.lightfast.emulators.sentry.SentryEmulator;
import dev.lightfast.emulators.slack.SlackEmulator;
import dev.lightfast.emulators.vercel.VercelEmulator;
import dev.lightfast.server.Lightfast;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every intent, on every tool that can carry it, through the real server over HTTP, acting on the
 * five tools' emulators over HTTP, on the Ledgerloop team's history (the demo's, so references
 * resolve as a team would say them): the plan names the thing the history says, the call is made
 * once, and the tool's own state shows it. The emulators hold the history's ids (the PRs, the Linear
 * issue, the Sentry issue, the Vercel deployments, the Slack channel and members) as the real tools
 * would. One server and one set of emulators for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntentsEveryToolEndToEndTest {
    private static final String REPO = "ledgerloop/payments-api";
    private static final String INCIDENT_CHANNEL = "C05INC8R2D4";
    private static final String MAYA_SLACK = "U04F2M7A9QK";
    private static final String JONAS_LINEAR = "8c2d7a64-1b93-4f0a-b5e2-6d4f9c0a2b31";
    private static final String SAM_SENTRY = "1841239";
    private static final String SENTRY_ISSUE = "6089233417";
    private static final String VERCEL_PROJECT = "prj_KIXwK9MBkuziMgTwx40Xc13IQ2k4";
    private static final String BROKEN_DEPLOY = "dpl_ftsjdOvjG1Uu11mSFr6i1gXSAXHW";
    private static final String GOOD_DEPLOY = "dpl_7yjwm1d9vRleRvHYI0gvvHAWGhAG";

    private final DemoHistory demo = DemoHistory.prepared();
    private final HttpClient http = HttpClient.newHttpClient();
    private Lightfast lightfast;
    private String base;
    private GithubEmulator github;
    private LinearEmulator linear;
    private SlackEmulator slack;
    private VercelEmulator vercel;
    private SentryEmulator sentry;

    @BeforeAll
    void start() throws Exception {
        lightfast = demo.serveCopy();
        base = "http://127.0.0.1:" + lightfast.port();

        github = new GithubEmulator("ghs_ledgerloop_emulated_0123456789").start();
        github.state().repo(REPO, "bug", "incident").collaborator("mayachen", "jweber");
        github.state().seedIssue(REPO, 301, "Double payouts after a bank timeout", "priya-raman");
        github.state().seedPullRequest(REPO, 302, "Idempotency keys for payout transfers", "priya-raman");
        github.state().seedPullRequest(REPO, 321, "Rotate webhook secrets", "jweber");
        github.state().seedIssue(REPO, 322, "Webhook retries", "jweber");

        linear = new LinearEmulator("lin_api_ledgerloop_emulated_0123", "ledgerloop").start();
        linear.state().team("ENG", "Engineering");
        linear.state().seedIssue("ENG", 134, "Post-deploy smoke test for the overview");
        linear.state().user(JONAS_LINEAR, "Jonas Weber", "jonas@ledgerloop.dev");
        linear.state().label("bug");

        slack = new SlackEmulator("xoxb-ledgerloop-emulated-0123").start();
        slack.state().channel(INCIDENT_CHANNEL, "incidents").member(MAYA_SLACK, "maya");

        vercel = new VercelEmulator("vercel_ledgerloop_emulated_0123").start();
        vercel.state()
                .project(VERCEL_PROJECT, "dashboard")
                .deployment(VERCEL_PROJECT, GOOD_DEPLOY)
                .deployment(VERCEL_PROJECT, BROKEN_DEPLOY);

        sentry = new SentryEmulator("sntrys_ledgerloop_emulated_0123", "ledgerloop").start();
        sentry.state().seedIssue(SENTRY_ISSUE, "DASHBOARD-4F", "dashboard", "TypeError in balance cards");
        sentry.state().member(SAM_SENTRY, "sam", "sam@ledgerloop.dev");

        // Each of the demo's connections acts on its tool's emulator.
        Map<String, String> connections = new HashMap<>();
        for (JsonNode c : get("/v1/connections").path("connections")) {
            connections.put(c.path("provider").asString(), c.path("id").asString());
        }
        credentials(connections.get("github"), "ghs_ledgerloop_emulated_0123456789", github.baseUri());
        credentials(connections.get("linear"), "lin_api_ledgerloop_emulated_0123", linear.baseUri());
        credentials(connections.get("slack"), "xoxb-ledgerloop-emulated-0123", slack.baseUri());
        credentials(connections.get("vercel"), "vercel_ledgerloop_emulated_0123", vercel.baseUri());
        credentials(connections.get("sentry"), "sntrys_ledgerloop_emulated_0123", sentry.baseUri());
        // Rollbacks wait for an approval by default; here every intent runs when asked.
        send("PUT", "/v1/intent-policy", Map.of("requireApproval", List.of()), 200);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {github, linear, slack, vercel, sentry, lightfast}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing the others matters more
            }
        }
    }

    private void credentials(String connectionId, String token, URI apiBase) throws Exception {
        assertThat(connectionId).isNotNull();
        var set = send(
                "PUT",
                "/v1/connections/" + connectionId + "/credentials",
                Map.of("token", token, "apiBase", apiBase.toString()),
                200);
        assertThat(set.toString()).doesNotContain(token);
    }

    private JsonNode get(String path) throws Exception {
        return send("GET", path, null, 200);
    }

    private JsonNode send(String method, String path, Object body, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + demo.apiKey)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return Json.MAPPER.readTree(response.body());
    }

    /** Proposes and executes an intent, waits for it to end, and answers its final status. */
    private JsonNode run(String intent, Map<String, Object> args) throws Exception {
        JsonNode proposed = send("POST", "/v1/intents", Map.of("intent", intent, "args", args, "execute", true), 201);
        String id = proposed.path("intent").path("id").asString();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonNode s = get("/v1/intents/" + id);
            String state = s.path("intent").path("state").asString();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                assertThat(state).as(s.toString()).isEqualTo("SUCCEEDED");
                // Each call took effect once on its tool, by its idempotency key.
                for (JsonNode c : s.path("intent").path("plan").path("calls")) {
                    String key = c.path("call").path("idempotencyKey").asString();
                    int applied = github.calls().applied(key)
                            + linear.calls().applied(key)
                            + slack.calls().applied(key)
                            + vercel.calls().applied(key)
                            + sentry.calls().applied(key);
                    assertThat(applied).as(key).isEqualTo(1);
                }
                // The plan's reasons cite the history's events with the tools' links.
                assertThat(s.path("intent").path("plan").path("resolution").toString())
                        .contains("eventId");
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("intent " + id + " did not finish");
    }

    private static List<String> operations(JsonNode status) {
        return status.path("intent")
                .path("plan")
                .path("calls")
                .valueStream()
                .map(c -> c.path("call").path("operation").asString())
                .toList();
    }

    @Test
    void notify_a_person_by_their_relations_and_a_channel_on_slack() throws Exception {
        var dm = run(
                "notify",
                Map.of(
                        "to", "the reviewer of the PR that fixed payments-api#301",
                        "message", "Could you look at the incident?"));
        assertThat(operations(dm)).containsExactly("SLACK_POST_MESSAGE");
        assertThat(slack.state().messages(MAYA_SLACK))
                .extracting(m -> m.text())
                .containsExactly("Could you look at the incident?");

        run("notify", Map.of("to", "#" + INCIDENT_CHANNEL, "message", "Dashboard is back."));
        assertThat(slack.state().messages(INCIDENT_CHANNEL))
                .extracting(m -> m.text())
                .contains("Dashboard is back.");
    }

    @Test
    void open_a_ticket_on_github_and_in_linear() throws Exception {
        var gh = run(
                "open_ticket",
                Map.of("title", "Flaky payout test", "body", "It fails on Mondays.", "about", "payments-api"));
        assertThat(operations(gh)).containsExactly("GITHUB_CREATE_ISSUE");
        assertThat(github.state().issue(REPO, 323).orElseThrow().title()).isEqualTo("Flaky payout test");

        var lin = run(
                "open_ticket",
                Map.of("title", "Smoke test the payouts page", "body", "After each deploy.", "about", "Engineering"));
        assertThat(operations(lin)).containsExactly("LINEAR_CREATE_ISSUE");
        assertThat(linear.state().issue("ENG-135").orElseThrow().title()).isEqualTo("Smoke test the payouts page");
    }

    @Test
    void comment_on_github_linear_and_sentry() throws Exception {
        var pr = run("comment", Map.of("on", "the PR that fixed payments-api#301", "text", "This fixed it."));
        assertThat(operations(pr)).containsExactly("GITHUB_COMMENT");
        assertThat(github.state().issue(REPO, 302).orElseThrow().comments())
                .extracting(c -> c.body())
                .anySatisfy(b -> assertThat(b).contains("This fixed it."));

        run("comment", Map.of("on", "ENG-134", "text", "Smoke test added."));
        var eng134 = linear.state().issue("ENG-134").orElseThrow();
        assertThat(linear.state().comments(eng134))
                .extracting(c -> c.body())
                .anySatisfy(b -> assertThat(b).contains("Smoke test added."));

        run("comment", Map.of("on", "DASHBOARD-4F", "text", "Rolled back."));
        assertThat(sentry.state().issue(SENTRY_ISSUE).orElseThrow().notes())
                .extracting(n -> n.text())
                .anySatisfy(t -> assertThat(t).contains("Rolled back."));
    }

    @Test
    void assign_on_github_linear_and_sentry_to_the_persons_identity_there() throws Exception {
        run("assign", Map.of("item", "payments-api#322", "to", "Maya"));
        assertThat(github.state().issue(REPO, 322).orElseThrow().assignees()).containsExactly("mayachen");

        run("assign", Map.of("item", "ENG-134", "to", "Jonas"));
        assertThat(linear.state().issue("ENG-134").orElseThrow().assigneeId()).contains(JONAS_LINEAR);

        run("assign", Map.of("item", "DASHBOARD-4F", "to", "sentry:user/" + SAM_SENTRY));
        assertThat(sentry.state()
                        .issue(SENTRY_ISSUE)
                        .orElseThrow()
                        .assignedTo()
                        .orElseThrow()
                        .id())
                .isEqualTo(SAM_SENTRY);
    }

    @Test
    void label_on_github_and_linear() throws Exception {
        run("label", Map.of("item", "payments-api#322", "labels", "bug"));
        assertThat(github.state().issue(REPO, 322).orElseThrow().labels()).contains("bug");

        run("label", Map.of("item", "ENG-134", "labels", "bug"));
        var eng134 = linear.state().issue("ENG-134").orElseThrow();
        assertThat(linear.state().labelNames(eng134)).contains("bug");
    }

    @Test
    void request_a_review_on_github_from_someone_other_than_the_author() throws Exception {
        var s = run("request_review", Map.of("pr", "payments-api#321", "by", "Maya"));
        assertThat(operations(s)).containsExactly("GITHUB_REQUEST_REVIEW");
        assertThat(github.state().issue(REPO, 321).orElseThrow().requestedReviewers())
                .containsExactly("mayachen");
    }

    @Test
    void roll_a_vercel_deployment_back_to_the_one_before_it() throws Exception {
        var s = run("rollback", Map.of("deployment", BROKEN_DEPLOY));
        assertThat(operations(s)).containsExactly("VERCEL_ROLLBACK");
        assertThat(s.path("intent").path("plan").path("resolution").toString())
                .contains("is a deployment of Vercel project dashboard");
        assertThat(vercel.state().findProject(VERCEL_PROJECT).orElseThrow().production())
                .isEqualTo(GOOD_DEPLOY);
    }

    @Test
    void an_incident_note_goes_to_sentry_and_the_incident_channel() throws Exception {
        var s = run("incident_note", Map.of("incident", "DASHBOARD-4F", "text", "Root cause: dashboard#187."));
        assertThat(operations(s)).containsExactly("SENTRY_COMMENT", "SLACK_POST_MESSAGE");
        assertThat(sentry.state().issue(SENTRY_ISSUE).orElseThrow().notes())
                .extracting(n -> n.text())
                .anySatisfy(t -> assertThat(t).contains("Root cause: dashboard#187."));
        assertThat(slack.state().messages(INCIDENT_CHANNEL))
                .extracting(m -> m.text())
                .anySatisfy(t -> assertThat(t).contains("Root cause: dashboard#187."));
    }
}
