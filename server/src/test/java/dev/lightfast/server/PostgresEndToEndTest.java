package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.store.postgres.PostgresTestSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two servers on one PostgreSQL database, as two processes behind a load balancer would be: what
 * one is told, the other knows, and a delivery sent to both is stored once.
 */
class PostgresEndToEndTest {
    @TempDir
    Path dir;

    private PostgresTestSchema schema;
    private TestServer first;
    private TestServer second;

    @BeforeEach
    void start() {
        schema = PostgresTestSchema.create();
        first = new TestServer(dir.resolve("first"), schema.url());
        second = new TestServer(dir.resolve("second"), schema.url());
    }

    @AfterEach
    void stop() {
        for (var server : new TestServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** Both servers judge the shared log; each event is judged once, and both answer the same verdicts. */
    @Test
    void twoServersShareTheJudgingOfARuleAndAnswerTheSameViolations() {
        var acme = first.tenant("acme");
        var created = second.post(
                "/v1/rules",
                acme.apiKey(),
                java.util.Map.of(
                        "name", "every pull request event", "on", java.util.Map.of("type", "github.pull_request.*")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        var fixtures = GithubFixtures.of("pull_request");
        for (int i = 0; i < fixtures.size(); i++) {
            var f = fixtures.get(i);
            var reply = (i % 2 == 0 ? first : second).github(acme, f.event(), "pr-" + i, f.body());
            assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        }
        first.awaitProjected(acme);
        second.awaitProjected(acme);
        var triggers = first.get("/v1/events?type=github.pull_request.*&limit=1000", acme.apiKey())
                .get("events");
        var fromFirst = first.get("/v1/violations?limit=500", acme.apiKey()).get("violations");
        var fromSecond = second.get("/v1/violations?limit=500", acme.apiKey()).get("violations");
        assertThat(fromFirst).hasSize(triggers.size());
        assertThat(fromSecond).isEqualTo(fromFirst);
        var ruled = new java.util.HashSet<String>();
        fromFirst.forEach(v -> ruled.add(v.get("trigger").get("eventId").stringValue()));
        var expected = new java.util.HashSet<String>();
        triggers.forEach(e -> expected.add(e.get("id").stringValue()));
        assertThat(ruled).isEqualTo(expected);
    }

    @Test
    void withoutAPublicUrlAWebhookUrlIsAPathWithANoteNeverBuiltFromTheHostHeader() {
        var acme = first.tenant("acme");
        // TestServer.tenant made a GitHub connection: its URL is only the path, whichever server made it.
        assertThat(acme.webhookUrl()).isEqualTo("/webhooks/github/" + acme.connectionId());
        var listed =
                second.get("/v1/connections", acme.apiKey()).get("connections").get(0);
        assertThat(listed.get("webhookUrl").stringValue()).isEqualTo(acme.webhookUrl());
        assertThat(listed.get("webhookUrlNote").stringValue()).contains("LIGHTFAST_PUBLIC_URL");
        // The path still works as given, on either server.
        var issue = GithubFixtures.get("issues/15-opened.json");
        assertThat(second.github(acme, "issues", "via-the-path", issue.body()).status())
                .isEqualTo(202);
    }

    @Test
    void aDeliveryToEitherServerIsStoredOnceAndReadableFromBoth() {
        var acme = first.tenant("acme");
        var fixtures = GithubFixtures.all().stream()
                .filter(f -> !f.event().equals("ping"))
                .limit(12)
                .toList();
        var eventIds = new ArrayList<String>();
        for (int i = 0; i < fixtures.size(); i++) {
            var f = fixtures.get(i);
            var to = i % 2 == 0 ? first : second;
            var reply = to.github(acme, f.event(), "delivery-" + i, f.body());
            assertThat(reply.status()).as(reply.text()).isEqualTo(202);
            assertThat(reply.get("duplicate").asBoolean()).isFalse();
            reply.get("eventIds").forEach(id -> eventIds.add(id.stringValue()));
            // The same delivery retried against the other server: acknowledged, stored once.
            var retry = (to == first ? second : first).github(acme, f.event(), "delivery-" + i, f.body());
            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.get("duplicate").asBoolean()).isTrue();
        }
        for (var server : List.of(first, second)) {
            var events = server.get("/v1/events?limit=1000", acme.apiKey()).get("events");
            var ids = new ArrayList<String>();
            long seq = 0;
            for (JsonNode e : events) {
                ids.add(e.get("id").stringValue());
                assertThat(e.get("seq").asLong()).isEqualTo(++seq);
            }
            assertThat(ids).containsExactlyElementsOf(eventIds);
            var one = server.get("/v1/events/" + eventIds.getFirst(), acme.apiKey());
            assertThat(one.status()).isEqualTo(200);
        }
    }

    @Test
    void tenantsAndKeysMadeOnOneServerWorkOnTheOtherAndStayApart() {
        var acme = first.tenant("acme");
        var globex = second.tenant("globex");
        var note = Map.of(
                "source",
                "oncall-bot",
                "type",
                "incident.note.added",
                "title",
                "Rolled back",
                "idempotencyKey",
                "note-1");
        assertThat(second.post("/v1/events", acme.apiKey(), note).status()).isEqualTo(201);
        assertThat(first.post("/v1/events", acme.apiKey(), note).status()).isEqualTo(200);
        assertThat(first.get("/v1/events", acme.apiKey()).get("events")).hasSize(1);
        assertThat(first.get("/v1/events", globex.apiKey()).get("events")).isEmpty();
        assertThat(second.get("/v1/connections", globex.apiKey()).text())
                .contains(globex.connectionId())
                .doesNotContain(acme.connectionId());
    }
}
