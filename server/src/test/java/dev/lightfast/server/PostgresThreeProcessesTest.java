package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.store.postgres.PostgresTestSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three server processes on one PostgreSQL, behind a client that does what a load balancer does:
 * deliveries go round-robin, and one a server cannot take (it is down, or dies mid-request) is sent
 * again, unchanged, to the next. One server is killed with SIGKILL mid-stream and later started
 * again on its data directory. Afterwards every acknowledged delivery is in the log once, seq has no
 * gap, every server's projections have read the whole log, and the three search indexes, built
 * separately from the shared log, answer the same.
 */
class PostgresThreeProcessesTest {
    private static final int SERVERS = 3;
    private static final int CLIENTS = 6;
    /** Deliveries released to the clients in each phase: all up, one killed, all up again. */
    private static final int BEFORE_KILL = 240;

    private static final int WHILE_DOWN = 120;
    private static final int AFTER_RESTART = 90;
    private static final int TOTAL = BEFORE_KILL + WHILE_DOWN + AFTER_RESTART;
    /** Every TOKEN_EVERY-th delivery carries this word, which no other delivery has. */
    private static final String TOKEN = "quetzalcoatl";

    private static final int TOKEN_EVERY = 6;
    private static final String SECRET = "three-servers-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private PostgresTestSchema schema;
    private final ChildServer[] servers = new ChildServer[SERVERS];
    private final AtomicBoolean stop = new AtomicBoolean();
    private ExecutorService clients;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void stopEverything() {
        stop.set(true);
        if (clients != null) {
            clients.shutdownNow();
        }
        for (var server : servers) {
            if (server != null) {
                server.kill();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    /** What a client was told for one delivery, and by which server. */
    private record Acknowledged(List<String> eventIds, boolean duplicate, String by) {}

    @Test
    void threeServersStoreEachDeliveryOnceAndSearchAlikeThoughOneIsKilledAndRestarted() throws Exception {
        schema = PostgresTestSchema.create();
        startAll();
        var bases = new AtomicReferenceArray<String>(SERVERS);
        for (int i = 0; i < SERVERS; i++) {
            bases.set(i, servers[i].base());
        }
        String apiKey = post(bases.get(0) + "/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "acme"))
                .get("apiKey")
                .stringValue();
        String connection = post(
                        bases.get(0) + "/v1/connections", apiKey, Map.of("provider", "github", "secret", SECRET))
                .get("id")
                .stringValue();

        var permits = new Semaphore(0);
        var next = new AtomicInteger();
        var acknowledged = new ConcurrentHashMap<String, Acknowledged>();
        var resent = new AtomicInteger();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (!stop.get()) {
                    if (!permits.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    int n = next.getAndIncrement();
                    deliver(n, bases, connection, acknowledged, resent, unexpected);
                }
                return null;
            });
        }

        // All three up; the second is killed while deliveries are in flight to it.
        permits.release(BEFORE_KILL);
        await("200 deliveries acknowledged", () -> acknowledged.size() >= 200 || !unexpected.isEmpty());
        servers[1].kill();
        // Two up, and the dead one still in the rotation: what goes to it is sent on to the next.
        permits.release(WHILE_DOWN);
        await("330 deliveries acknowledged", () -> acknowledged.size() >= 330 || !unexpected.isEmpty());
        // Started again on its data directory (its index as of its last commit) and the same schema.
        servers[1] = ChildServer.start(dir.resolve("server-1"), schema.url(), START_TIMEOUT);
        String restarted = servers[1].base();
        bases.set(1, restarted);
        permits.release(AFTER_RESTART);
        await("every delivery acknowledged", () -> acknowledged.size() == TOTAL || !unexpected.isEmpty());
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(unexpected).isEmpty();
        assertThat(acknowledged).hasSize(TOTAL);
        assertThat(resent.get()).as("deliveries sent on to another server").isPositive();
        assertThat(acknowledged.values())
                .as("acknowledged by the restarted server")
                .anyMatch(a -> a.by().equals(restarted));

        // The log: seq 1..n without a gap, one event per delivery, each acknowledged delivery once.
        List<JsonNode> log = readLog(bases.get(0), apiKey);
        var keys = new ArrayList<String>();
        var rawRefs = new HashSet<String>();
        for (int i = 0; i < log.size(); i++) {
            JsonNode e = log.get(i);
            assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
            keys.add(e.get("idempotencyKey").stringValue());
            rawRefs.add(e.get("rawRef").stringValue());
        }
        assertThat(keys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        assertThat(rawRefs).hasSize(log.size());
        for (JsonNode e : log) {
            var ack = acknowledged.get(e.get("idempotencyKey").stringValue());
            assertThat(ack.eventIds())
                    .as("the answer to " + e.get("idempotencyKey"))
                    .containsExactly(e.get("id").stringValue());
        }
        // The raw delivery behind an event is the one its key names (sampled: one in ten).
        for (int i = 0; i < log.size(); i += 10) {
            JsonNode e = log.get(i);
            var raw = get(bases.get(i % SERVERS) + "/v1/events/" + e.get("id").stringValue(), apiKey)
                    .get("raw");
            assertThat(raw.get("deliveryKey").stringValue())
                    .isEqualTo(e.get("idempotencyKey").stringValue());
        }

        // Every server's views have read the whole log: the shared graph and its own search index.
        long lastSeq = log.size();
        for (int i = 0; i < SERVERS; i++) {
            String base = bases.get(i);
            await(base + " projected seq " + lastSeq, () -> {
                var status = get(base + "/v1/projections", apiKey);
                boolean caughtUp = status.get("lastSeq").asLong() == lastSeq;
                var names = new ArrayList<String>();
                for (JsonNode p : status.get("projections")) {
                    names.add(p.get("name").stringValue());
                    caughtUp &=
                            p.get("behind").asLong() == 0 && p.get("checkpoint").asLong() == lastSeq;
                }
                return caughtUp && names.equals(List.of("graph", "search", "rules", "claims", "patterns", "outbox"));
            });
        }

        // Search: exactly the events carrying the token, the same hits in the same order everywhere.
        var expected = new HashSet<String>();
        for (JsonNode e : log) {
            if (e.get("title").stringValue().contains(TOKEN)) {
                expected.add(e.get("id").stringValue());
            }
        }
        assertThat(expected).hasSize(TOTAL / TOKEN_EVERY);
        List<String> first = hits(bases.get(0), apiKey, "keyword", 100);
        assertThat(first).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 1; i < SERVERS; i++) {
            assertThat(hits(bases.get(i), apiKey, "keyword", 100))
                    .as(bases.get(i))
                    .containsExactlyElementsOf(first);
        }
        // The model ran once per event between the servers: every vector is in the shared table, one
        // per event, and each server's index was built from those.
        try (var c = schema.owner();
                var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT set_config('lightfast.tenant', 'acme', true)");
            try (var rs =
                    st.executeQuery("SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM event_vectors")) {
                rs.next();
                assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                        .containsExactly(lastSeq, lastSeq, 1L, lastSeq);
            }
            c.rollback();
        }
        // Hybrid adds the vectors: the token's events still come first on every server (each server's
        // vector graph is its own approximate index, so their order is not compared).
        for (int i = 0; i < SERVERS; i++) {
            assertThat(hits(bases.get(i), apiKey, "hybrid", expected.size()))
                    .as(bases.get(i))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Starts the three servers at once, each with its own data directory (its search index). */
    private void startAll() throws Exception {
        var starting = new ArrayList<Future<ChildServer>>();
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SERVERS; i++) {
                Path data = dir.resolve("server-" + i);
                starting.add(starter.submit(() -> ChildServer.start(data, schema.url(), START_TIMEOUT)));
            }
        }
        Exception failed = null;
        for (int i = 0; i < SERVERS; i++) {
            try {
                servers[i] = starting.get(i).get(); // each one started is killed after the test, even if another failed
            } catch (java.util.concurrent.ExecutionException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Sends delivery {@code n} to server {@code n % 3}; when a server cannot take it (no answer, or a
     * 5xx), sends the same delivery to the next, until one acknowledges it with 202.
     */
    private void deliver(
            int n,
            AtomicReferenceArray<String> bases,
            String connection,
            Map<String, Acknowledged> acknowledged,
            AtomicInteger resent,
            Queue<String> unexpected)
            throws InterruptedException {
        String id = "delivery-" + n;
        String title = "Checkout fails for order " + n + (n % TOKEN_EVERY == 0 ? " " + TOKEN : "");
        byte[] body = ("{\"action\":\"opened\",\"issue\":{\"number\":" + (n + 1) + ",\"title\":\"" + title
                        + "\",\"html_url\":\"https://github.com/o/r/issues/" + (n + 1)
                        + "\",\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                        + "\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"octocat\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HmacSignatures.hmacSha256Hex(SECRET, body);
        for (int attempt = 0; !stop.get(); attempt++) {
            if (attempt > 0 && attempt % SERVERS == 0) {
                Thread.sleep(20); // none could take it: wait a moment before going round again
            }
            String base = bases.get((n + attempt) % SERVERS);
            HttpResponse<String> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/webhooks/github/" + connection))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", "issues")
                                .header("X-GitHub-Delivery", id)
                                .header("X-Hub-Signature-256", signature)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException down) {
                resent.incrementAndGet();
                continue;
            }
            if (response.statusCode() == 202) {
                JsonNode reply = Json.MAPPER.readTree(response.body());
                var eventIds = new ArrayList<String>();
                reply.get("eventIds").forEach(e -> eventIds.add(e.stringValue()));
                acknowledged.put(
                        id, new Acknowledged(eventIds, reply.get("duplicate").asBoolean(), base));
                return;
            }
            if (response.statusCode() < 500) {
                unexpected.add(id + " to " + base + ": " + response.statusCode() + " " + response.body());
                return;
            }
            resent.incrementAndGet();
        }
    }

    private List<JsonNode> readLog(String base, String apiKey) {
        var events = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = get(base + "/v1/events?limit=1000&after=" + after, apiKey);
            page.get("events").forEach(events::add);
            after = page.get("nextAfter").asLong();
            if (!page.get("hasMore").asBoolean()) {
                return events;
            }
        }
    }

    private List<String> hits(String base, String apiKey, String mode, int limit) {
        var reply = get(base + "/v1/search?q=" + TOKEN + "&mode=" + mode + "&limit=" + limit, apiKey);
        var ids = new ArrayList<String>();
        reply.get("hits").forEach(h -> ids.add(h.get("eventId").stringValue()));
        return ids;
    }

    private JsonNode get(String url, String bearer) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .GET()
                        .build(),
                200);
    }

    private JsonNode post(String url, String bearer, Object body) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                201);
    }

    private JsonNode send(HttpRequest request, int status) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(request.uri() + ": " + response.body())
                    .isEqualTo(status);
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the condition holds; fails when it does not within the phase timeout. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PHASE_TIMEOUT + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
