package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubHistoryReader;
import dev.lightfast.core.backfill.HistoryReader;
import dev.lightfast.core.backfill.Sleeper;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.ManualClock;
import dev.lightfast.emulators.github.GithubEmulator;
import dev.lightfast.emulators.github.GithubHistory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A generated GitHub history, read by a backfill from the emulator's API on one real server and
 * replayed as its signed webhooks on another, makes the same graph and the same events; either path
 * after the other adds nothing; a backfill cut off by a restart goes on from its cursor; the
 * emulator's rate limits (a small primary limit per window, a secondary limit switched on mid-run)
 * are never exceeded; an expired token fails the job with a clear message. Every wait moves a
 * {@link ManualClock} shared by the emulator and the reader, so none of it takes real time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillEndToEndTest {
    private static final String TOKEN = "ghs_backfill_e2e";
    private static final List<String> REPOS = List.of("acme/shop", "acme/api");
    /** Small enough to stay quick; the bench reads 10,000 objects. */
    private static final int OBJECTS = 600;

    @TempDir
    static Path dir;

    private GithubHistory history;
    private TestServer replayed;
    private TestServer.TestTenant replayedTenant;
    private Snapshot byWebhooks;

    @BeforeAll
    void replay_the_webhooks() {
        history = GithubHistory.generate(22, OBJECTS, REPOS, Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(history.objectCount()).isBetween(OBJECTS, OBJECTS + 10);
        replayed = new TestServer(dir.resolve("webhooks"));
        replayedTenant = replayed.tenant("acme");
        replay(replayed, replayedTenant);
        byWebhooks = snapshot(replayed, replayedTenant);
        assertThat(byWebhooks.entities()).hasSizeGreaterThan(300);
        assertThat(byWebhooks.relations()).hasSizeGreaterThan(500);
    }

    @AfterAll
    void stop() {
        replayed.close();
    }

    @Test
    void a_backfill_makes_the_graph_the_webhooks_made_and_neither_order_duplicates() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (GithubEmulator github = emulator(clock);
                var server = new TestServer(dir.resolve("backfill"), null, readers(clock, d -> {}))) {
            var tenant = server.tenant("acme");
            var first = backfill(server, tenant, github);
            assertThat(first.get("state").stringValue()).as(first.toString()).isEqualTo("done");
            assertThat(first.get("objectsDone").asLong()).isGreaterThanOrEqualTo(history.objectCount());
            var byBackfill = snapshot(server, tenant);
            same("entities", byBackfill.entities(), byWebhooks.entities());
            same("relations", byBackfill.relations(), byWebhooks.relations());
            sameStarts(byBackfill, byWebhooks);
            same("eventKeys", byBackfill.eventKeys(), byWebhooks.eventKeys());

            var again = backfill(server, tenant, github);
            assertThat(again.get("state").stringValue()).isEqualTo("done");
            assertThat(again.get("eventsAdded").asLong())
                    .as("a second backfill adds nothing")
                    .isZero();
            assertThat(snapshot(server, tenant)).isEqualTo(byBackfill);

            // Backfill, then the same history's webhooks: only the pushes as such are new (the API keeps none).
            replay(server, tenant);
            var both = snapshot(server, tenant);
            same("entities", both.entities(), byWebhooks.entities());
            same("relations", both.relations(), byWebhooks.relations());
            same("eventKeys", both.eventKeys(), byWebhooks.eventKeys());
            assertThat(both.events()).isEqualTo(byWebhooks.events());
        }
        // Webhooks, then a backfill: nothing new.
        try (GithubEmulator github = emulator(clock)) {
            var before = snapshot(replayed, replayedTenant);
            var job = backfill(replayed, replayedTenant, github);
            assertThat(job.get("state").stringValue()).isEqualTo("done");
            assertThat(job.get("eventsAdded").asLong()).isZero();
            assertThat(snapshot(replayed, replayedTenant)).isEqualTo(before);
        }
    }

    @Test
    void rate_limits_are_honoured_and_a_restart_mid_run_leaves_no_gap_and_no_duplicate() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        // The first wait for a new window blocks until the test has restarted the server.
        var waiting = new CountDownLatch(1);
        var held = new AtomicBoolean(true);
        Sleeper sleeper = d -> {
            if (d.toSeconds() >= 30 && held.get()) {
                waiting.countDown();
                new CountDownLatch(1).await(); // until the server's close interrupts the job
            }
        };
        try (GithubEmulator github = emulator(clock)) {
            github.rateLimit().on(25, Duration.ofMinutes(10));
            // A secondary limit a third of the way in, as GitHub gives when calls come too fast.
            github.switches().fail(FailureMode.SECONDARY_RATE_LIMIT, 1, 40, 90, null);
            try (var server = new TestServer(dir.resolve("limits"), null, readers(clock, sleeper))) {
                var tenant = server.tenant("acme");
                start(server, tenant, github);
                assertThat(waiting.await(60, TimeUnit.SECONDS)).isTrue();
                var mid = status(server, tenant);
                assertThat(mid.get("state").stringValue()).isEqualTo("running");
                held.set(false);
                // The job's thread is interrupted mid-wait; the new server, with a reader that has
                // not seen the spent window (as a new process after a crash), resumes it.
                server.restart(readers(clock, d -> {}));
                var done = await(server, tenant);
                assertThat(done.get("state").stringValue()).as(done.toString()).isEqualTo("done");
                assertThat(done.get("errors").asLong())
                        .as("the secondary limit was retried")
                        .isPositive();
                assertThat(github.rateLimit().violations()).isEmpty();
                assertThat(github.rateLimit().perWindow().values())
                        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(25));
                assertThat(github.rateLimit().perWindow()).hasSizeGreaterThan(3);
                var after = snapshot(server, tenant);
                same("entities", after.entities(), byWebhooks.entities());
                same("relations", after.relations(), byWebhooks.relations());
                sameStarts(after, byWebhooks);
                same("eventKeys", after.eventKeys(), byWebhooks.eventKeys());
            }
        }
    }

    @Test
    void the_emulator_catches_a_client_that_ignores_its_limits() {
        var clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (GithubEmulator github = emulator(clock)) {
            github.rateLimit().on(3, Duration.ofMinutes(1));
            var http = HttpClient.newHttpClient();
            for (int i = 0; i < 5; i++) {
                var r = http.sendAsync(
                                java.net.http.HttpRequest.newBuilder(
                                                github.baseUri().resolve("/repos/acme/shop/releases"))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding())
                        .join();
                assertThat(r.statusCode()).isEqualTo(i < 3 ? 200 : 403);
                assertThat(r.headers().firstValue("x-ratelimit-remaining"))
                        .contains(String.valueOf(Math.max(0, 2 - i)));
            }
            assertThat(github.rateLimit().violations()).hasSize(2);
            var paged = http.sendAsync(
                            java.net.http.HttpRequest.newBuilder(
                                            github.baseUri().resolve("/repos/acme/shop/pulls?state=all&per_page=5"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .join();
            assertThat(paged.statusCode()).isEqualTo(403);
            clock.advance(Duration.ofMinutes(1));
            paged = http.sendAsync(
                            java.net.http.HttpRequest.newBuilder(
                                            github.baseUri().resolve("/repos/acme/shop/pulls?state=all&per_page=5"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .join();
            assertThat(paged.statusCode()).isEqualTo(200);
            assertThat(paged.headers().firstValue("link").orElseThrow())
                    .contains("page=2&per_page=5&state=all>; rel=\"next\"")
                    .contains("rel=\"last\"");
        }
    }

    @Test
    void an_expired_token_fails_the_job_with_a_clear_message() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (GithubEmulator github = emulator(clock);
                var server = new TestServer(dir.resolve("expired"), null, readers(clock, d -> {}))) {
            github.switches().fail(FailureMode.EXPIRED_TOKEN, 1_000, 200, null, null);
            var tenant = server.tenant("acme");
            var job = backfill(server, tenant, github);
            assertThat(job.get("state").stringValue()).isEqualTo("failed");
            assertThat(job.get("lastError").stringValue())
                    .contains("GitHub refused the token (401)")
                    .contains("expired");
            assertThat(job.get("objectsDone").asLong()).isPositive().isLessThan(history.objectCount());
        }
    }

    // ---- helpers ----

    /**
     * When each relation began. A relation starts at the first event the graph records asserting it,
     * and a backfill records older events after newer ones (one kind after another): so a
     * repository's branch or environment, asserted by every kind, can begin later than the webhooks
     * made it begin (a gap of the graph's, told in decision 0020). Every other relation begins alike.
     */
    private static void sameStarts(Snapshot actual, Snapshot expected) {
        var a = new TreeSet<>(actual.relationStarts());
        var e = new TreeSet<>(expected.relationStarts());
        a.removeIf(s -> s.startsWith("belongs_to "));
        e.removeIf(s -> s.startsWith("belongs_to "));
        same("relation starts", a, e);
    }

    /** Equal sets, told as what is missing and what is extra. */
    private static void same(String what, Set<String> actual, Set<String> expected) {
        var missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        var extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertThat(missing).as(what + " missing").isEmpty();
        assertThat(extra).as(what + " extra").isEmpty();
    }

    private GithubEmulator emulator(ManualClock clock) {
        GithubEmulator github = new GithubEmulator(TOKEN, "lightfast-bot", clock).start();
        return github.serve(history);
    }

    /** A GitHub reader whose waits move the shared clock (after {@code before} has seen them). */
    private static List<HistoryReader> readers(ManualClock clock, Sleeper before) {
        return List.of(new GithubHistoryReader(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                d -> {
                    before.sleep(d);
                    clock.advance(d);
                },
                clock));
    }

    private void replay(TestServer server, TestServer.TestTenant tenant) {
        for (var d : history.webhooks()) {
            var reply = server.github(tenant, d.event(), d.deliveryId(), d.body());
            assertThat(reply.status()).as(d.event() + " " + reply.text()).isEqualTo(202);
        }
    }

    private void start(TestServer server, TestServer.TestTenant tenant, GithubEmulator github) {
        var started = server.post(
                "/v1/connections/" + tenant.connectionId() + "/backfill",
                tenant.apiKey(),
                Map.of(
                        "since",
                        history.start().toString(),
                        "repositories",
                        REPOS,
                        "token",
                        TOKEN,
                        "apiBase",
                        github.baseUri().toString()));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
    }

    private JsonNode backfill(TestServer server, TestServer.TestTenant tenant, GithubEmulator github)
            throws InterruptedException {
        start(server, tenant, github);
        return await(server, tenant);
    }

    private JsonNode await(TestServer server, TestServer.TestTenant tenant) throws InterruptedException {
        var t = TenantId.of(tenant.id());
        server.lightfast().backfills().await(t, tenant.connectionId(), Duration.ofSeconds(120));
        var job = status(server, tenant);
        assertThat(job.get("state").stringValue()).as("the job ended").isNotEqualTo("running");
        return job;
    }

    private static JsonNode status(TestServer server, TestServer.TestTenant tenant) {
        var reply = server.get("/v1/connections/" + tenant.connectionId() + "/backfill", tenant.apiKey());
        assertThat(reply.status()).isEqualTo(200);
        return reply.get("job");
    }

    /**
     * The graph as kind:key of each entity and type/from/to/validity of each relation; the events as
     * their idempotency keys (pushes as such left out: only webhooks report them) and their count by type.
     */
    record Snapshot(
            Set<String> entities,
            Set<String> relations,
            Set<String> relationStarts,
            Set<String> eventKeys,
            Map<String, Integer> events) {}

    private static Snapshot snapshot(TestServer server, TestServer.TestTenant tenant) {
        server.awaitProjected(tenant);
        var t = TenantId.of(tenant.id());
        var graph = server.lightfast().storage().graph();
        List<Entity> all = graph.find(t, "", null, 1_000_000);
        var keyOf = new HashMap<String, String>();
        var entities = new TreeSet<String>();
        for (Entity e : all) {
            keyOf.put(e.id(), e.kind() + ":" + e.key());
            entities.add(e.kind() + ":" + e.key());
        }
        var relations = new TreeSet<String>();
        var starts = new TreeSet<String>();
        for (Entity e : all) {
            for (Relation r : graph.relations(t, e.id(), AsOf.NOW, Set.of())) {
                String edge = r.type() + " " + keyOf.get(r.from()) + " -> " + keyOf.get(r.to());
                relations.add(edge + (r.validTo() == null ? "" : " ended " + r.validTo()));
                starts.add(edge + " from " + r.validFrom());
            }
        }
        var keys = new TreeSet<String>();
        var byType = new TreeMap<String, Integer>();
        long after = 0;
        while (true) {
            var page = server.get("/v1/events?limit=1000&after=" + after, tenant.apiKey());
            var events = new ArrayList<JsonNode>();
            page.get("events").forEach(events::add);
            if (events.isEmpty()) {
                break;
            }
            for (JsonNode e : events) {
                String type = e.get("type").stringValue();
                byType.merge(type, 1, Integer::sum);
                if (!type.equals("github.push")) {
                    assertThat(keys.add(e.get("idempotencyKey").stringValue()))
                            .as("one event per key")
                            .isTrue();
                }
                after = e.get("seq").asLong();
            }
        }
        return new Snapshot(entities, relations, starts, keys, byType);
    }
}
