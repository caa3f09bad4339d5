package dev.lightfast.server;

import static dev.lightfast.server.ConnectedTool.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.sentry.SentryConnector;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentry's mocks and documented shapes, signed with the integration's client secret and posted over HTTP. */
class SentryWebhookEndToEndTest {
    private static final String SECRET = "9c1f0e2d3b4a59687766554433221100aabbccddeeff00112233445566778899";
    private static final String SHA = "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4";

    @TempDir
    Path dir;

    private TestServer server;
    private ConnectedTool sentry;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        sentry = ConnectedTool.connect(server, "acme", "sentry", SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Reply send(SentryFixtures.Example e, String requestId) {
        return sentry.post(
                "sentry",
                e.body(),
                SentryFixtures.signedHeaders(e.resource(), requestId, SECRET, e.body(), Instant.now()));
    }

    @Test
    void every_example_is_accepted_and_stored_as_the_expected_canonical_event() {
        var expected = new ArrayList<String>();
        var connector = new SentryConnector();
        for (var e : SentryFixtures.all()) {
            var reply = send(e, "req-" + e.name());
            assertThat(reply.status()).as(e.name() + " " + reply.text()).isEqualTo(202);
            connector
                    .normalize("req", e.resource(), Json.MAPPER.readTree(e.body()), Instant.now())
                    .forEach(d -> expected.add(d.type()));
        }
        assertThat(sentry.events()).extracting(e -> e.get("type").stringValue()).containsExactlyElementsOf(expected);
        assertThat(expected)
                .contains(
                        "sentry.issue.created",
                        "sentry.issue.resolved",
                        "sentry.issue.assigned",
                        "sentry.issue.ignored",
                        "sentry.error.created",
                        "sentry.event_alert.triggered",
                        "sentry.metric_alert.critical",
                        "sentry.installation.created");
    }

    @Test
    void an_error_is_stored_with_its_incident_release_commit_and_time() {
        var reply = send(SentryFixtures.get("error-created.json"), "req-err");
        var event = server.get("/v1/events/" + reply.get("eventIds").get(0).stringValue(), sentry.apiKey());
        assertThat(event.get("title").stringValue())
                .isEqualTo(
                        "Error in shop (production): TimeoutError: checkout exceeded 30s waiting for /api/cart/price");
        assertThat(event.get("occurredAt").stringValue()).isEqualTo("2026-03-10T14:22:31Z");
        assertThat(event.get("subjects"))
                .extracting(s -> s.get("key").stringValue())
                .contains(
                        "sentry:issue/4567890123",
                        "sentry:release/" + SHA,
                        "git:" + SHA,
                        "sentry:environment/production");
        assertThat(event.get("raw").get("headers").get("sentry-hook-resource").stringValue())
                .isEqualTo("error");
        assertThat(event.get("raw").get("deliveryKey").stringValue()).isEqualTo("req-err");

        var facts = new ArrayList<String>();
        var graph = new SentryConnector().graph();
        for (var e : sentry.stored("sentry")) {
            for (var f : graph.extract(e, graph::mentionsIn)) {
                if (f instanceof GraphFact.Relates r) {
                    facts.add(r.type() + " " + r.from().key() + " -> " + r.to().key());
                }
            }
        }
        assertThat(facts)
                .contains(
                        "seen_in sentry:issue/4567890123 -> sentry:release/" + SHA,
                        "built_from sentry:release/" + SHA + " -> git:" + SHA);
    }

    @Test
    void the_same_request_id_twice_is_stored_once() {
        var e = SentryFixtures.get("issue-created.json");
        var first = send(e, "req-same");
        var again = send(e, "req-same");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("eventIds")).isEqualTo(first.get("eventIds"));
        assertThat(sentry.events()).hasSize(1);
    }

    @Test
    void a_wrong_signature_a_stale_timestamp_and_a_broken_body_are_refused_with_what_to_fix() {
        var e = SentryFixtures.get("issue-created.json");
        assertError(
                sentry.post(
                        "sentry",
                        e.body(),
                        SentryFixtures.signedHeaders("issue", "r1", "client-id", e.body(), Instant.now())),
                401,
                "invalid_signature",
                "Sentry-Hook-Signature",
                "Client Secret");
        assertError(
                sentry.post(
                        "sentry",
                        e.body(),
                        SentryFixtures.signedHeaders(
                                "issue", "r2", SECRET, e.body(), Instant.now().minus(Duration.ofMinutes(7)))),
                401,
                "invalid_signature",
                "Sentry-Hook-Timestamp",
                "replay");
        byte[] broken = "{\"action\": \"created\", \"data\": ".getBytes(StandardCharsets.UTF_8);
        assertError(
                sentry.post(
                        "sentry", broken, SentryFixtures.signedHeaders("issue", "r3", SECRET, broken, Instant.now())),
                400,
                "malformed_delivery",
                "Sentry",
                "not valid JSON");
        var noResource =
                new java.util.HashMap<>(SentryFixtures.signedHeaders("issue", "r4", SECRET, e.body(), Instant.now()));
        noResource.remove("Sentry-Hook-Resource");
        assertError(sentry.post("sentry", e.body(), noResource), 400, "malformed_delivery", "Sentry-Hook-Resource");
        assertError(
                sentry.post("sentry", e.body(), Map.of()), 401, "invalid_signature", "missing Sentry-Hook-Signature");
        assertThat(sentry.events()).isEmpty();
    }
}
