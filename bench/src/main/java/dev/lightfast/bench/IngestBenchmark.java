package dev.lightfast.bench;

import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Signed GitHub deliveries from concurrent clients to a real server over HTTP, each answered 202
 * only once durable. Reports deliveries per second and latency percentiles as the clients saw them.
 *
 * <p>The server runs in this process on SQLite (a temporary data directory, or {@code --data}) or on
 * PostgreSQL ({@code --pg}); or the deliveries go round-robin to servers already running ({@code
 * --target}, repeated), e.g. several processes sharing one PostgreSQL.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Webhook ingest throughput and latency (signed GitHub deliveries, durable before 202).")
final class IngestBenchmark implements Callable<Integer> {

    @Option(names = "--clients", description = "concurrent clients (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int clients;

    @Option(
            names = "--deliveries",
            description = "measured deliveries (default: ${DEFAULT-VALUE})",
            defaultValue = "50000")
    int deliveries;

    @Option(
            names = "--warmup",
            description = "deliveries before measuring (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    int warmup;

    @Option(names = "--data", description = "data directory (default: a new temporary one, removed afterwards)")
    Path data;

    @Option(
            names = "--tenants",
            description = "tenants the deliveries are spread over (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int tenants;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "run the in-process server on this PostgreSQL instead of SQLite")
    String pg;

    @Option(
            names = "--no-projections",
            description = "the in-process server only ingests: no graph or search projection competing for the machine")
    boolean noProjections;

    @Option(
            names = "--target",
            paramLabel = "<base url>",
            description = "a running server to send to, e.g. http://127.0.0.1:8080; repeat for several (round-robin)")
    List<String> targets;

    @Option(
            names = "--admin-token",
            description = "admin token of the --target servers (default: $LIGHTFAST_ADMIN_TOKEN)",
            defaultValue = "${env:LIGHTFAST_ADMIN_TOKEN}")
    String adminToken;

    private static final String SECRET = "bench-secret";

    /** A payload with its signature: GitHub signs only the body, not the delivery id. */
    record Payload(String event, byte[] body, String signature) {
        Payload(String event, byte[] body) {
            this(event, body, "sha256=" + HmacSignatures.hmacSha256Hex(SECRET, body));
        }

        /** The same payload made one of a kind: a field naming the delivery first in its object, signed. */
        Payload numbered(String delivery) {
            byte[] field =
                    ("{\"lightfast_bench\":\"" + delivery + "\",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] out = new byte[field.length + body.length - 1];
            System.arraycopy(field, 0, out, 0, field.length);
            System.arraycopy(body, 1, out, field.length, body.length - 1);
            return new Payload(event, out);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (tenants < 1) {
            throw new IllegalArgumentException("--tenants must be at least 1");
        }
        var payloads = payloads();
        if (targets != null && !targets.isEmpty()) {
            if (pg != null || data != null) {
                throw new IllegalArgumentException(
                        "--target sends to servers already running; --pg and --data configure "
                                + "the in-process one: give one or the other");
            }
            if (adminToken == null || adminToken.isBlank()) {
                throw new IllegalArgumentException("--target needs the servers' admin token: --admin-token or "
                        + "LIGHTFAST_ADMIN_TOKEN (start them with the same LIGHTFAST_ADMIN_TOKEN)");
            }
            var bases = targets.stream().map(t -> t.replaceAll("/+$", "")).toList();
            measure(bases, adminToken, payloads, bases.size() + " running server(s): " + String.join(", ", bases));
            return 0;
        }
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-bench-");
        var config = new ServerConfig("127.0.0.1", 0, dir, null, null, pg).withProjections(!noProjections);
        try (var lightfast = Lightfast.start(config)) {
            measure(
                    List.of("http://127.0.0.1:" + lightfast.port()),
                    lightfast.adminToken().value(),
                    payloads,
                    "1 in-process server on " + lightfast.storage().describe()
                            + (noProjections ? ", projections off" : ", graph and search projections following"));
        } finally {
            if (data == null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    /**
     * Makes fresh tenants, each with a GitHub connection, through the first server; then sends to all
     * servers in turn, and within each to the tenants in turn.
     */
    private void measure(List<String> bases, String admin, List<Payload> payloads, String setup) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var connections = new ArrayList<String>();
        // New tenants each run: a shared PostgreSQL keeps the previous runs' tenants.
        String run = Long.toHexString(System.nanoTime());
        for (int t = 0; t < tenants; t++) {
            String apiKey = post(
                            http, bases.getFirst() + "/v1/admin/tenants", admin, Map.of("id", "bench-" + run + "-" + t))
                    .get("apiKey")
                    .stringValue();
            connections.add(post(
                            http,
                            bases.getFirst() + "/v1/connections",
                            apiKey,
                            Map.of("provider", "github", "secret", SECRET))
                    .get("id")
                    .stringValue());
        }
        var urls = new ArrayList<String>();
        for (var connection : connections) {
            for (var base : bases) {
                urls.add(base + "/webhooks/github/" + connection);
            }
        }

        System.out.printf(
                "ingest: %s, %d tenant(s)%n  %d clients, %d payload shapes (%d-%d bytes), warmup %d, "
                        + "measured %d%n",
                setup,
                tenants,
                clients,
                payloads.size(),
                payloads.stream().mapToInt(p -> p.body().length).min().orElse(0),
                payloads.stream().mapToInt(p -> p.body().length).max().orElse(0),
                warmup,
                deliveries);
        run(http, urls, payloads, warmup, "w", new Recorder(3));
        var recorder = new Recorder(3);
        long start = System.nanoTime();
        long events = run(http, urls, payloads, deliveries, "m", recorder);
        double seconds = (System.nanoTime() - start) / 1e9;
        var h = recorder.getIntervalHistogram();
        System.out.printf(
                "deliveries/s: %.0f   events/s: %.0f   (%d deliveries in %.2f s)%n",
                deliveries / seconds, events / seconds, deliveries, seconds);
        System.out.printf(
                "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(90) / 1e6,
                h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6,
                h.getMaxValue() / 1e6);
    }

    /**
     * Sends {@code total} distinct deliveries from {@code clients} threads, the i-th to {@code
     * urls[i % n]}; returns the events stored.
     */
    private long run(
            HttpClient http, List<String> urls, List<Payload> payloads, int total, String prefix, Recorder latencies)
            throws Exception {
        var next = new AtomicInteger();
        var events = new AtomicLong();
        var failures = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        // Each delivery's body differs from every other's: a body identical to one already
                        // stored on the connection is a replay, answered as a duplicate without storing.
                        var p = payloads.get(i % payloads.size()).numbered(prefix + "-" + i);
                        var request = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size())))
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", p.event())
                                .header("X-GitHub-Delivery", prefix + "-" + i)
                                .header("X-Hub-Signature-256", p.signature())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(p.body()))
                                .build();
                        long t0 = System.nanoTime();
                        try {
                            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            latencies.recordValue(System.nanoTime() - t0);
                            if (response.statusCode() != 202) {
                                failures.incrementAndGet();
                            } else {
                                events.addAndGet(Json.MAPPER
                                        .readTree(response.body())
                                        .get("eventIds")
                                        .size());
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " deliveries were not accepted");
        }
        return events.get();
    }

    /** The GitHub deliveries of the demo's team history: real payload shapes, every event kind the demo has. */
    private static List<Payload> payloads() throws IOException {
        var list = new ArrayList<Payload>();
        for (RecordedDelivery d : RecordedDelivery.bundled()) {
            if (d.provider().equals("github")) {
                list.add(new Payload(d.headers().get("X-GitHub-Event"), d.bodyBytes()));
            }
        }
        return list;
    }

    private static JsonNode post(HttpClient http, String url, String bearer, Object body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
