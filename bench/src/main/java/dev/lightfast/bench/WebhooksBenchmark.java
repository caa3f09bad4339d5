package dev.lightfast.bench;

import com.sun.net.httpserver.HttpServer;
import dev.lightfast.core.graph.ProjectionRunner;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Outbound webhooks from a real server to a receiver on this machine, in two phases. Throughput:
 * the subscriptions are disabled while a backlog is logged and queued, then enabled at once, and
 * the time to deliver every queued message gives messages/s. Delay: events are posted at a steady
 * rate while the subscriptions are live, and each message's delay is its arrival at the receiver
 * less its event's {@code observedAt} (one JVM, one clock). CPU is the whole process's (server,
 * receiver and client together) per delivered message.
 */
@Command(
        name = "webhooks",
        mixinStandardHelpOptions = true,
        description =
                "Outbound webhook throughput (messages/s) and event-to-delivery delay (p50/p99) to a local receiver.")
final class WebhooksBenchmark implements Callable<Integer> {

    @Option(
            names = "--subscriptions",
            description = "subscriptions, each sent every event (default: ${DEFAULT-VALUE})",
            defaultValue = "4")
    int subscriptions;

    @Option(
            names = "--backlog",
            description = "events queued before the throughput phase (default: ${DEFAULT-VALUE})",
            defaultValue = "5000")
    int backlog;

    @Option(
            names = "--warmup",
            description =
                    "events sent before measuring, so the JIT compiler has done its work (default: ${DEFAULT-VALUE})",
            defaultValue = "3000")
    int warmup;

    @Option(
            names = "--rate",
            description = "events per second in the delay phase (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int rate;

    @Option(
            names = "--seconds",
            description = "length of the delay phase (default: ${DEFAULT-VALUE})",
            defaultValue = "20")
    int seconds;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "run the server on this PostgreSQL instead of SQLite")
    String pg;

    @Option(
            names = "--webhooks-only",
            description = "the server follows the log with the outbox only: no graph or search index (and no embedding"
                    + " model) competing for the machine")
    boolean webhooksOnly;

    private static final AtomicLong KEYS = new AtomicLong();
    private final Recorder delays = new Recorder(3);
    private final AtomicLong delivered = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("lightfast-bench-webhooks-");
        var receiver = receiver();
        var config = new ServerConfig("127.0.0.1", 0, dir, null, null, pg)
                .withWebhooksAllowPrivate(true)
                .withProjections(!webhooksOnly);
        try (var lightfast = Lightfast.start(config)) {
            if (webhooksOnly) {
                var engine = lightfast.engine();
                try (var outbox = new ProjectionRunner(
                                engine.storage().tenants(), engine.storage().eventLog(), List.copyOf(engine.outboxes()))
                        .start()) {
                    engine.dispatcher().start();
                    run(lightfast, receiver, outbox);
                }
            } else {
                run(lightfast, receiver, lightfast.projections());
            }
        } finally {
            receiver.stop(0);
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** Counts every message and records its delay from the event's observedAt. */
    private HttpServer receiver() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant arrived = Instant.now();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            // The payload's timestamp is the event's observedAt; found by hand, as parsing the whole
            // body would cost the receiver more than it costs the server to send it.
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            int at = text.indexOf("\"timestamp\":\"") + 13;
            Instant observed = Instant.parse(text.substring(at, text.indexOf('"', at)));
            delays.recordValue(Math.max(0, Duration.between(observed, arrived).toNanos() / 1_000));
            delivered.incrementAndGet();
        });
        server.start();
        return server;
    }

    private void run(Lightfast lightfast, HttpServer receiver, ProjectionRunner following) throws Exception {
        String base = "http://127.0.0.1:" + lightfast.port();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String tenant = "bench-" + Long.toHexString(System.nanoTime());
        String key = call(
                        http,
                        "POST",
                        base + "/v1/admin/tenants",
                        lightfast.adminToken().value(),
                        Map.of("id", tenant))
                .get("apiKey")
                .stringValue();
        var ids = new ArrayList<String>();
        for (int s = 0; s < subscriptions; s++) {
            ids.add(call(
                            http,
                            "POST",
                            base + "/v1/subscriptions",
                            key,
                            Map.of(
                                    "url",
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/s" + s))
                    .get("id")
                    .stringValue());
        }
        System.out.printf(
                "webhooks: 1 in-process server on %s, %s following the log; %d subscriptions,"
                        + " each sent every event; receiver in the same process; %d cores; load average %s%n",
                lightfast.storage().describe(),
                webhooksOnly ? "the outbox alone" : "graph, search and outbox",
                subscriptions,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());

        // Warm-up: the same path, unmeasured, until the JIT compiler has compiled it.
        post(http, base, key, warmup, 0);
        while (delivered.get() < (long) warmup * subscriptions) {
            Thread.sleep(5);
        }
        delivered.set(0);
        delays.getIntervalHistogram();

        // Throughput: a backlog queued while the subscriptions are disabled, then sent at once.
        for (String id : ids) {
            setDisabled(http, base, key, id, receiver, ids.indexOf(id), true);
        }
        post(http, base, key, backlog, 0);
        if (!following.awaitCaughtUp(TenantId.of(tenant), Duration.ofMinutes(10))) {
            throw new IllegalStateException("the projections did not catch up with the backlog");
        }
        long expected = (long) backlog * subscriptions;
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        for (String id : ids) {
            setDisabled(http, base, key, id, receiver, ids.indexOf(id), false);
        }
        while (delivered.get() < expected) {
            Thread.sleep(5);
        }
        double throughputSeconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        System.out.printf(
                "throughput: %d messages (%d events x %d subscriptions) in %.2f s: %.0f messages/s; CPU %.0f µs per"
                        + " message (%.2f cores busy)%n",
                expected,
                backlog,
                subscriptions,
                throughputSeconds,
                expected / throughputSeconds,
                cpu / 1e3 / expected,
                cpu / 1e9 / throughputSeconds);
        delays.getIntervalHistogram(); // the backlog's delays are its queueing time: not counted

        // Delay: a steady rate of events while the subscriptions are live.
        long before = delivered.get();
        long events = (long) rate * seconds;
        cpu0 = cpuNanos();
        t0 = System.nanoTime();
        post(http, base, key, (int) events, rate);
        long target = before + events * subscriptions;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double delaySeconds = (System.nanoTime() - t0) / 1e9;
        cpu = cpuNanos() - cpu0;
        var h = delays.getIntervalHistogram();
        long got = delivered.get() - before;
        System.out.printf(
                "delay: %d events at %d/s for %d s, %d messages delivered (%.0f/s): event to delivery p50 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms; CPU %.0f µs per message (%.2f cores busy)%n",
                events,
                rate,
                seconds,
                got,
                got / delaySeconds,
                h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3,
                cpu / 1e3 / Math.max(1, got),
                cpu / 1e9 / delaySeconds);
        System.out.printf("load average after: %s%n", loadAverage());
    }

    private void setDisabled(
            HttpClient http, String base, String key, String id, HttpServer receiver, int n, boolean disabled)
            throws Exception {
        call(
                http,
                "PUT",
                base + "/v1/subscriptions/" + id,
                key,
                Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/s" + n, "disabled", disabled));
    }

    /** Posts {@code n} events, at {@code perSecond} (0: as fast as 16 clients go). */
    private static void post(HttpClient http, String base, String key, int n, int perSecond) throws Exception {
        var next = new AtomicLong();
        long start = System.nanoTime();
        long interval = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int c = 0; c < 16; c++) {
                done.add(clients.submit(() -> {
                    for (long i; (i = next.getAndIncrement()) < n; ) {
                        if (interval > 0) {
                            long due = start + i * interval;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        call(
                                http,
                                "POST",
                                base + "/v1/events",
                                key,
                                Map.of(
                                        "source",
                                        "benchbot",
                                        "type",
                                        "bench.step",
                                        "title",
                                        "step " + i,
                                        "body",
                                        "a benchmark event with a few words of text to index",
                                        "idempotencyKey",
                                        "bench-" + KEYS.incrementAndGet()));
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
    }

    private static JsonNode call(HttpClient http, String method, String url, String bearer, Object body)
            throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
