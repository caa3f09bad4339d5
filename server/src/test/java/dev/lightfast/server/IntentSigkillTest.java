package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.connectors.slack.SlackFixtures;
import dev.lightfast.core.act.CallAttempt;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.sentry.SentryEmulator;
import dev.lightfast.emulators.slack.SlackEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Exactly once across a SIGKILL: a server process executing a plan of two calls (a note on the
 * Sentry incident, then the same note in the Slack channel its incidents go to) is killed while
 * the second call is out (the Slack emulator, in this process, answers slowly but does it), and
 * restarted on the same data directory. The restarted server looks the call up before sending it
 * again, finds it done, and finishes the plan: each idempotency key took effect once.
 */
class IntentSigkillTest {
    private static final String INCIDENT = "sentry:issue/4567890123";
    private static final String CHANNEL = "C07INCIDENT";
    private static final String NOTE = "Rolled back; watching the error rate.";

    @TempDir
    Path dir;

    @Test
    void a_plan_killed_mid_call_finishes_after_a_restart_without_a_call_made_twice() throws Exception {
        String apiKey;
        String intentId;
        List<String> keys;
        try (SentryEmulator sentry = new SentryEmulator("sntrys_sigkill_0123456789", "acme").start();
                SlackEmulator slack = new SlackEmulator("xoxb-sigkill-0123456789").start()) {
            sentry.state().seedIssue("4567890123", "SHOP-42", "shop", "TypeError in checkout");
            slack.state().channel(CHANNEL, "incident");

            // The history and the plan, made by a server in this process, which then stops.
            try (var server = new TestServer(dir)) {
                var tenant = server.tenant("acme");
                apiKey = tenant.apiKey();
                String sentryCon = connect(server, apiKey, "sentry", "s-secret");
                String slackCon = connect(server, apiKey, "slack", "k-secret");
                Instant now = Instant.now();
                for (String name : List.of("issue-created.json", "error-created.json")) {
                    var e = SentryFixtures.get(name);
                    var r = server.postBytes(
                            "/webhooks/sentry/" + sentryCon,
                            null,
                            e.body(),
                            SentryFixtures.signedHeaders(e.resource(), name, "s-secret", e.body(), now));
                    assertThat(r.status()).as(r.text()).isEqualTo(202);
                }
                for (String name : SlackFixtures.STORY) {
                    byte[] body = SlackFixtures.story(name);
                    var r = server.postBytes(
                            "/webhooks/slack/" + slackCon,
                            null,
                            body,
                            SlackFixtures.signedHeaders("k-secret", now, body));
                    assertThat(r.status()).as(r.text()).isEqualTo(202);
                }
                server.awaitProjected(tenant);
                credentials(server, apiKey, sentryCon, "sntrys_sigkill_0123456789", sentry.baseUri());
                credentials(server, apiKey, slackCon, "xoxb-sigkill-0123456789", slack.baseUri());
                var proposed = server.post(
                        "/v1/intents",
                        apiKey,
                        Map.of("intent", "incident_note", "args", Map.of("incident", INCIDENT, "text", NOTE)));
                assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
                JsonNode calls = proposed.json().path("intent").path("plan").path("calls");
                assertThat(calls.valueStream()
                                .map(c -> c.path("call").path("operation").asString()))
                        .containsExactly("SENTRY_COMMENT", "SLACK_POST_MESSAGE");
                assertThat(calls.get(1)
                                .path("call")
                                .path("arguments")
                                .path("channel")
                                .asString())
                        .isEqualTo(CHANNEL);
                intentId = proposed.json().path("intent").path("id").asString();
                keys = calls.valueStream()
                        .map(c -> c.path("call").path("idempotencyKey").asString())
                        .toList();
            }

            // A server process executes it; the Slack call is slow, and the process dies while it is out.
            slack.switches().fail(FailureMode.SLOW, 1, 1, null, 3_000);
            try (var child = ChildServer.start(dir, null, Duration.ofSeconds(120))) {
                var http = HttpClient.newHttpClient();
                var executed = http.send(
                        HttpRequest.newBuilder(URI.create(child.base() + "/v1/intents/" + intentId + "/execute"))
                                .header("Authorization", "Bearer " + apiKey)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(executed.statusCode()).as(executed.body()).isEqualTo(202);
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (slack.switches().arrived() < 1 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertThat(slack.switches().arrived()).as(child.output()).isEqualTo(1);
                child.kill();
            }
            assertThat(sentry.calls().applied(keys.get(0))).isEqualTo(1);
            // The slow tool still does what it was asked, after the asker is gone.
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (slack.calls().applied(keys.get(1)) < 1 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(slack.calls().applied(keys.get(1))).isEqualTo(1);

            // Restarted on the same data directory, the server resumes the plan and finishes it.
            try (var restarted = new TestServer(dir)) {
                JsonNode status = null;
                until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < until) {
                    status = restarted.get("/v1/intents/" + intentId, apiKey).json();
                    if (status.path("intent").path("state").asString().equals("SUCCEEDED")) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(status.path("intent").path("state").asString())
                        .as(String.valueOf(status))
                        .isEqualTo("SUCCEEDED");
                // The call in flight at the kill was found done on the tool, not sent again.
                assertThat(status.path("attempts")
                                .valueStream()
                                .filter(a -> a.path("callIndex").asInt() == 1)
                                .map(a -> a.path("outcome").asString()))
                        .containsExactly(CallAttempt.FOUND);
            }
            for (String key : keys) {
                assertThat(sentry.calls().applied(key) + slack.calls().applied(key))
                        .as(key)
                        .isEqualTo(1);
            }
            assertThat(slack.state().messages(CHANNEL))
                    .filteredOn(m -> m.text().contains(NOTE))
                    .hasSize(1);
            assertThat(sentry.state().issue("4567890123").orElseThrow().notes())
                    .filteredOn(n -> n.text().contains(NOTE))
                    .hasSize(1);
        }
    }

    private static String connect(TestServer server, String apiKey, String provider, String secret) {
        var created = server.post("/v1/connections", apiKey, Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").stringValue();
    }

    private static void credentials(TestServer server, String apiKey, String connection, String token, URI base) {
        var set = server.put(
                "/v1/connections/" + connection + "/credentials",
                apiKey,
                Map.of("token", token, "apiBase", base.toString()));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(Json.MAPPER.writeValueAsString(set.json())).doesNotContain(token);
    }
}
