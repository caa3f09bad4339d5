package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubConnector;
import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** GitHub's own example deliveries, signed and posted to the real server over HTTP. */
class GithubWebhookEndToEndTest {
    @TempDir
    Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The first fixture of an event (with that action, when given). */
    static GithubFixtures.Fixture fixture(String event, String action) {
        return GithubFixtures.of(event).stream()
                .filter(f -> action == null || action.equals(f.action()))
                .filter(f -> !event.equals("push") || f.bodyText().contains("\"distinct\""))
                .findFirst()
                .orElseThrow();
    }

    private List<JsonNode> allEvents(String apiKey) {
        var events = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = server.get("/v1/events?limit=100&after=" + after, apiKey);
            assertThat(page.status()).isEqualTo(200);
            page.get("events").forEach(events::add);
            after = page.get("nextAfter").asLong();
            if (!page.get("hasMore").asBoolean()) {
                return events;
            }
        }
    }

    @Test
    void everyFixtureIsAcceptedAndNormalizedInCausalOrder() {
        var connector = new GithubConnector();
        var expectedTypes = new ArrayList<String>();
        var bodies = new java.util.HashSet<String>();
        var keys = new java.util.HashSet<String>();
        int n = 0;
        for (var f : GithubFixtures.all()) {
            String delivery = "delivery-" + n++;
            var reply = server.github(acme, f.event(), delivery, f.body());
            if (f.event().equals("ping")) {
                assertThat(reply.status()).as(f.path()).isEqualTo(200);
                continue;
            }
            assertThat(reply.status()).as(f.path() + " " + reply.text()).isEqualTo(202);
            // A few of GitHub's examples are byte for byte another's: a body seen before on the
            // connection is a replay (GitHub signs no delivery id), stored once.
            boolean seen = !bodies.add(new String(f.body(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reply.get("duplicate").asBoolean()).as(f.path()).isEqualTo(seen);
            if (seen) {
                continue;
            }
            connector
                    .normalize(delivery, f.event(), Json.MAPPER.readTree(f.body()), Instant.now())
                    .forEach(d -> {
                        // Examples reporting the same change of the same object (the same PR opened at the
                        // same time) are one fact: its key names the object and the change, not the delivery.
                        if (keys.add(d.idempotencyKey())) {
                            expectedTypes.add(d.type());
                        }
                    });
        }
        var events = allEvents(acme.apiKey());
        assertThat(events).extracting(e -> e.get("type").stringValue()).containsExactlyElementsOf(expectedTypes);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1L);
            var e = events.get(i);
            assertThat(e.get("source").stringValue()).isEqualTo("github");
            assertThat(e.get("title").stringValue()).isNotBlank();
            assertThat(e.get("rawRef").stringValue()).startsWith("dlv_");
            assertThat(e.has("occurredAt")).isTrue();
        }
        assertThat(expectedTypes)
                .contains(
                        "github.push",
                        "github.commit.pushed",
                        "github.pull_request.opened",
                        "github.pull_request.closed",
                        "github.issue.opened",
                        "github.release.published");
    }

    @Test
    void anEventCarriesItsRawDelivery() {
        var fixture = fixture("pull_request", "opened");
        var reply = server.github(acme, "pull_request", "d-raw", fixture.body());
        String id = reply.get("eventIds").get(0).stringValue();
        var event = server.get("/v1/events/" + id, acme.apiKey());
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.get("type").stringValue()).isEqualTo("github.pull_request.opened");
        assertThat(event.get("url").stringValue()).startsWith("https://github.com/");
        assertThat(event.get("actor").get("key").stringValue()).startsWith("github:");
        var raw = event.get("raw");
        assertThat(raw.get("eventName").stringValue()).isEqualTo("pull_request");
        assertThat(raw.get("deliveryKey").stringValue()).isEqualTo("d-raw");
        assertThat(raw.get("headers").get("x-github-delivery").stringValue()).isEqualTo("d-raw");
        assertThat(raw.get("payload")).isEqualTo(Json.MAPPER.readTree(fixture.body()));
    }

    @Test
    void aRedeliveryIsAcceptedAndStoredOnce() {
        var push = fixture("push", null);
        var first = server.github(acme, "push", "same-delivery", push.body());
        var again = server.github(acme, "push", "same-delivery", push.body());
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("eventIds")).isEqualTo(first.get("eventIds"));
        assertThat(allEvents(acme.apiKey())).hasSize(first.get("eventIds").size());
    }

    @Test
    void refusesWhatItCannotTrustOrRead() {
        byte[] body = fixture("issues", "opened").body();
        String path = "/webhooks/github/" + acme.connectionId();
        var unsigned =
                server.postBytes(path, null, body, Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", "d1"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.get("error").get("code").stringValue()).isEqualTo("invalid_signature");

        var otherSecret =
                new TestServer.TestTenant("acme", acme.apiKey(), acme.connectionId(), acme.webhookUrl(), "wrong");
        assertThat(server.github(otherSecret, "issues", "d2", body).status()).isEqualTo(401);

        var unknown = new TestServer.TestTenant("acme", acme.apiKey(), "con_nope", acme.webhookUrl(), acme.secret());
        var notFound = server.github(unknown, "issues", "d3", body);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.get("error").get("message").stringValue()).contains("con_nope");

        byte[] broken = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);
        assertThat(server.github(acme, "issues", "d4", broken).status()).isEqualTo(400);

        var noEvent = server.postBytes(
                path,
                null,
                body,
                Map.of(
                        "X-GitHub-Delivery",
                        "d5",
                        "X-Hub-Signature-256",
                        "sha256=" + dev.lightfast.core.connector.HmacSignatures.hmacSha256Hex(acme.secret(), body)));
        assertThat(noEvent.status()).isEqualTo(400);
        assertThat(noEvent.get("error").get("message").stringValue()).containsIgnoringCase("X-GitHub-Event");

        assertThat(allEvents(acme.apiKey())).as("nothing refused was stored").isEmpty();
    }

    @Test
    void refusesBodiesOverGithubsLimit() {
        byte[] huge = new byte[25 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        var reply = server.github(acme, "issues", "big", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.get("error").get("code").stringValue()).isEqualTo("payload_too_large");
        assertThat(allEvents(acme.apiKey())).isEmpty();
    }

    @Test
    void pingIsAnsweredAndNotStored() {
        var reply = server.github(acme, "ping", "ping-1", fixture("ping", null).body());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(allEvents(acme.apiKey())).isEmpty();
    }

    @Test
    void tenantsAreIsolated() {
        var globex = server.tenant("globex");
        var stored = server.github(
                acme, "issues", "shared-id", fixture("issues", "opened").body());
        String acmeEvent = stored.get("eventIds").get(0).stringValue();

        assertThat(allEvents(globex.apiKey())).isEmpty();
        assertThat(server.get("/v1/events/" + acmeEvent, globex.apiKey()).status())
                .isEqualTo(404);
        assertThat(server.get("/v1/events/" + acmeEvent, acme.apiKey()).status())
                .isEqualTo(200);

        // The same delivery id at another tenant is that tenant's own delivery, not a duplicate.
        var theirs = server.github(
                globex, "issues", "shared-id", fixture("issues", "opened").body());
        assertThat(theirs.get("duplicate").asBoolean()).isFalse();
        assertThat(allEvents(globex.apiKey())).hasSize(1);
        assertThat(allEvents(acme.apiKey())).hasSize(1);

        // A delivery signed with one tenant's secret does not pass at another's connection.
        var crossed = new TestServer.TestTenant(
                "globex", globex.apiKey(), globex.connectionId(), globex.webhookUrl(), acme.secret());
        assertThat(server.github(
                                crossed,
                                "issues",
                                "x",
                                fixture("issues", "opened").body())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theLogSurvivesARestart() {
        server.github(acme, "push", "before-restart", fixture("push", null).body());
        var before = allEvents(acme.apiKey());
        server.restart();
        assertThat(allEvents(acme.apiKey())).isEqualTo(before);
        var after = server.github(
                acme, "issues", "after-restart", fixture("issues", "opened").body());
        assertThat(after.status()).isEqualTo(202);
        var all = allEvents(acme.apiKey());
        assertThat(all.getLast().get("seq").asLong()).isEqualTo(before.size() + 1L);
        var again = server.github(
                acme, "push", "before-restart", fixture("push", null).body());
        assertThat(again.get("duplicate").asBoolean())
                .as("redelivery is recognised across restarts")
                .isTrue();
    }

    @Test
    void filtersTheLog() {
        server.github(acme, "push", "p", fixture("push", null).body());
        server.github(acme, "issues", "i", fixture("issues", "opened").body());
        var issues = server.get("/v1/events?type=github.issue.*", acme.apiKey());
        assertThat(issues.get("events"))
                .allSatisfy(e -> assertThat(e.get("type").stringValue()).startsWith("github.issue."));
        assertThat(issues.get("events")).hasSize(1);
        assertThat(server.get("/v1/events?source=linear", acme.apiKey()).get("events"))
                .isEmpty();
        assertThat(server.get("/v1/events?from=2999-01-01T00:00:00Z", acme.apiKey())
                        .get("events"))
                .isEmpty();
        assertThat(server.get("/v1/events?from=yesterday", acme.apiKey()).status())
                .isEqualTo(400);
        assertThat(server.get("/v1/events?limit=0", acme.apiKey()).status()).isEqualTo(400);
        assertThat(server.get("/v1/events?after=x", acme.apiKey()).status()).isEqualTo(400);
    }
}
