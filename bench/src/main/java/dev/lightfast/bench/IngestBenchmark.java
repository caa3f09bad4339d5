package dev.lightfast.bench;

import dev.lightfast.bench.ingest.Affinity;
import dev.lightfast.bench.ingest.BenchPayload;
import dev.lightfast.bench.ingest.LoadGenerator;
import dev.lightfast.bench.ingest.ProcessCpu;
import dev.lightfast.bench.ingest.ServerProcess;
import dev.lightfast.bench.ingest.StoreFootprint;
import dev.lightfast.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Signed GitHub deliveries, each one of a kind, from a load generator to a real server over HTTP,
 * each answered 202 only once durable. The server and the generator are separate processes, pinned
 * to different cores, so that the figures are the server's: its throughput and latency as the
 * clients saw them, and its own CPU time per delivery, read from {@code /proc} (the figure that
 * holds when the machine is shared), and, on SQLite or in a PostgreSQL schema of its own, the bytes
 * the log takes per delivery.
 *
 * <p>By default it starts a server on SQLite in a temporary data directory ({@code --pg} for a fresh
 * schema on PostgreSQL); {@code --target} sends to servers already running instead.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Webhook ingest: throughput, latency and the server's CPU time per delivery (signed GitHub"
                + " deliveries, durable before 202; server and load generator in separate processes on separate"
                + " cores).")
final class IngestBenchmark implements Callable<Integer> {

    @Option(
            names = "--clients",
            description = "concurrent connections (default: ${DEFAULT-VALUE})",
            defaultValue = "16")
    int clients;

    @Option(
            names = "--deliveries",
            description = "measured deliveries (default: ${DEFAULT-VALUE})",
            defaultValue = "50000")
    int deliveries;

    @Option(
            names = "--warmup",
            description = "deliveries before measuring, while the server's JIT compiles (default: ${DEFAULT-VALUE})",
            defaultValue = "30000")
    int warmup;

    @Option(
            names = "--data",
            description = "the server's data directory (default: a new temporary one, removed afterwards)")
    Path data;

    @Option(
            names = "--tenants",
            description = "tenants the deliveries are spread over (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int tenants;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "run the server on PostgreSQL, in a new schema of this database (dropped afterwards)")
    String pg;

    @Option(
            names = "--projections",
            description = "let the server keep the graph and search index following the log (off by default: this"
                    + " measures ingest)")
    boolean projections;

    @Option(
            names = "--no-projections",
            hidden = true,
            description = "the default; kept for the command lines of earlier records")
    boolean noProjections;

    @Option(
            names = "--server-cpu",
            description = "the core(s) the server is pinned to, or none (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    String serverCpu;

    @Option(
            names = "--load-cpu",
            description = "the core(s) the load generator is pinned to, or none (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    String loadCpu;

    @Option(
            names = "--server-java-opts",
            description = "more JVM options for the server, space-separated (e.g. -Xmx1g)",
            defaultValue = "")
    String serverJavaOpts;

    @Option(
            names = "--jfr",
            paramLabel = "<file>",
            description = "record the server with Java Flight Recorder (profile settings) into this file")
    Path jfr;

    @Option(
            names = "--threads",
            description = "also print the server's CPU time per delivery by thread (JIT, GC, HTTP, log writer...)")
    boolean threads;

    @Option(
            names = "--target",
            paramLabel = "<base url>",
            description = "a running server to send to, e.g. http://127.0.0.1:8080; repeat for several (round-robin)")
    List<String> targets;

    @Option(
            names = "--server-pid",
            description = "with --target: the process whose CPU time to report (e.g. the one serving the first target)")
    Long serverPid;

    @Option(
            names = "--admin-token",
            description = "admin token of the --target servers (default: $LIGHTFAST_ADMIN_TOKEN)",
            defaultValue = "${env:LIGHTFAST_ADMIN_TOKEN}")
    String adminToken;

    private static final String SECRET = "bench-secret";

    @Override
    public Integer call() throws Exception {
        if (tenants < 1) {
            throw new IllegalArgumentException("--tenants must be at least 1");
        }
        if (targets != null && !targets.isEmpty()) {
            if (pg != null || data != null) {
                throw new IllegalArgumentException("--target sends to servers already running; --pg and --data"
                        + " configure the one the bench starts: give one or the other");
            }
            if (adminToken == null || adminToken.isBlank()) {
                throw new IllegalArgumentException("--target needs the servers' admin token: --admin-token or "
                        + "LIGHTFAST_ADMIN_TOKEN (start them with the same LIGHTFAST_ADMIN_TOKEN)");
            }
            var bases = targets.stream().map(t -> t.replaceAll("/+$", "")).toList();
            var result = measure(bases, adminToken, serverPid);
            print(bases.size() + " running server(s): " + String.join(", ", bases), result, null);
            return 0;
        }
        return startAndMeasure();
    }

    private int startAndMeasure() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-bench-");
        Path log = Files.createTempFile("lightfast-bench-server-", ".log");
        String schema = null;
        String schemaUrl = null;
        if (pg != null) {
            schema = "lf_bench_" + HexFormat.of().formatHex(random(6));
            schemaUrl = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        String admin = HexFormat.of().formatHex(random(24));
        var serveArgs = new ArrayList<>(List.of("--data", dir.toString()));
        if (schemaUrl != null) {
            serveArgs.addAll(List.of("--pg", schemaUrl));
        }
        if (!projections) {
            serveArgs.add("--no-projections");
        }
        var javaOptions = new ArrayList<String>();
        if (!serverJavaOpts.isBlank()) {
            javaOptions.addAll(List.of(serverJavaOpts.strip().split("\\s+")));
        }
        if (jfr != null) {
            javaOptions.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr.toAbsolutePath());
        }
        var env = new HashMap<String, String>();
        env.put("LIGHTFAST_ADMIN_TOKEN", admin);
        try {
            Result result;
            StoreFootprint footprint = null;
            String describe;
            try (var server = ServerProcess.start(serverCpu, serveArgs, javaOptions, env, log)) {
                describe = "server pid " + server.pid() + pinnedTo(serverCpu) + " on "
                        + (schemaUrl == null ? "SQLite in " + dir : "PostgreSQL, schema " + schema)
                        + (projections ? ", graph and search projections following" : ", projections off");
                result = measure(List.of(server.baseUrl()), admin, server.pid());
                if (schemaUrl != null) {
                    footprint = StoreFootprint.postgres(schemaUrl, schema);
                }
            }
            if (schemaUrl == null) {
                footprint = StoreFootprint.sqlite(dir);
            }
            print(describe, result, footprint);
            Files.deleteIfExists(log);
            return 0;
        } catch (RuntimeException | IOException e) {
            System.err.println("ingest: the server's log is in " + log);
            throw e;
        } finally {
            if (data == null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            if (schema != null) {
                try (var c = DriverManager.getConnection(pg);
                        var st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /** What one measured run gave. */
    record Result(
            int deliveries,
            double seconds,
            long events,
            Map<String, Long> latencyNanos,
            ProcessCpu.Sample cpu,
            String loadBefore,
            String loadAfter,
            String setup,
            Map<String, ProcessCpu.Sample> cpuByThread) {}

    /**
     * Makes fresh tenants, each with a GitHub connection, through the first server; runs the load
     * generator against all of them; reads the server's CPU time just before the measured deliveries
     * and once the server has settled after them.
     */
    private Result measure(List<String> bases, String admin, Long pid) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // New tenants each run: a shared PostgreSQL keeps the previous runs' tenants.
        String run = Long.toHexString(System.nanoTime());
        var urls = new ArrayList<String>();
        for (int t = 0; t < tenants; t++) {
            String apiKey = post(
                            http, bases.getFirst() + "/v1/admin/tenants", admin, Map.of("id", "bench-" + run + "-" + t))
                    .get("apiKey")
                    .stringValue();
            String connection = post(
                            http,
                            bases.getFirst() + "/v1/connections",
                            apiKey,
                            Map.of("provider", "github", "secret", SECRET))
                    .get("id")
                    .stringValue();
            for (var base : bases) {
                urls.add(base + "/webhooks/github/" + connection);
            }
        }
        var payloads = BenchPayload.github();
        String setup = String.format(
                Locale.ROOT,
                "%d clients, %d tenant(s); %d payload shapes of %,d-%,d bytes (mean %,d), one of a kind each; warmup %,d,"
                        + " measured %,d",
                clients,
                tenants,
                payloads.size(),
                payloads.stream().mapToInt(p -> p.body().length).min().orElse(0),
                payloads.stream().mapToInt(p -> p.body().length).max().orElse(0),
                (long) payloads.stream()
                        .mapToInt(p -> p.body().length)
                        .average()
                        .orElse(0),
                warmup,
                deliveries);

        var command = new ArrayList<String>(Affinity.pinned(loadCpu));
        command.addAll(javaFor(LoadGenerator.class));
        command.addAll(List.of(
                "--secret", SECRET,
                "--clients", String.valueOf(clients),
                "--warmup", String.valueOf(warmup),
                "--deliveries", String.valueOf(deliveries),
                "--run", run));
        for (String url : urls) {
            command.addAll(List.of("--url", url));
        }
        var generator = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var cpu = pid == null || !ProcessCpu.available() ? null : new ProcessCpu(pid);
        try (var out = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(generator.getOutputStream(), StandardCharsets.UTF_8)) {
            expect(out, "warm", generator);
            settle(cpu);
            var before = cpu == null ? null : cpu.sample();
            var threadsBefore = cpu == null || !threads ? null : cpu.byThread();
            String loadBefore = loadAverage();
            in.write("go\n");
            in.flush();
            String done = expect(out, "done", generator);
            settle(cpu);
            var used = cpu == null ? null : cpu.sample().minus(before);
            var byThread = new java.util.TreeMap<String, ProcessCpu.Sample>();
            if (threadsBefore != null) {
                var zero = new ProcessCpu.Sample(0, 0);
                cpu.byThread()
                        .forEach((name, t) -> byThread.put(name, t.minus(threadsBefore.getOrDefault(name, zero))));
            }
            var fields = new HashMap<String, String>();
            for (String pair : done.substring("done ".length()).split(" ")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            var latencies = new HashMap<String, Long>();
            for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
                latencies.put(p, Long.parseLong(fields.get(p)));
            }
            return new Result(
                    Integer.parseInt(fields.get("deliveries")),
                    Double.parseDouble(fields.get("seconds")),
                    Long.parseLong(fields.get("events")),
                    latencies,
                    used,
                    loadBefore,
                    loadAverage(),
                    setup,
                    byThread);
        } finally {
            generator.destroy();
            generator.waitFor();
        }
    }

    /**
     * Waits until the server's CPU use has fallen to near idle (at most 5% of a core over a quarter of a
     * second), so that work it still does for deliveries already answered is counted, and the counting
     * starts on a quiet server. Gives up after a minute.
     */
    private static void settle(ProcessCpu cpu) throws InterruptedException {
        if (cpu == null) {
            return;
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        var last = cpu.sample();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            var now = cpu.sample();
            if (now.minus(last).totalNanos() <= 12_500_000L) {
                return;
            }
            last = now;
        }
    }

    private static String expect(BufferedReader out, String word, Process generator) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(word)) {
                return line;
            }
            if (line.startsWith("failed")) {
                throw new IllegalStateException("the load generator " + line);
            }
        }
        throw new IllegalStateException("the load generator stopped before saying '" + word + "'"
                + (generator.isAlive() ? "" : " (exit " + generator.exitValue() + ")"));
    }

    private void print(String describe, Result r, StoreFootprint footprint) {
        System.out.println("ingest: " + describe);
        System.out.println("  load generator: a separate process" + pinnedTo(loadCpu) + "; " + r.setup());
        System.out.printf(
                Locale.ROOT,
                "  machine: %d cores; load average %s before, %s after%n",
                Runtime.getRuntime().availableProcessors(),
                r.loadBefore(),
                r.loadAfter());
        System.out.printf(
                Locale.ROOT,
                "deliveries/s: %.0f   events/s: %.0f   (%,d deliveries in %.2f s)%n",
                r.deliveries() / r.seconds(),
                r.events() / r.seconds(),
                r.deliveries(),
                r.seconds());
        var l = r.latencyNanos();
        System.out.printf(
                Locale.ROOT,
                "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                l.get("p50") / 1e6,
                l.get("p90") / 1e6,
                l.get("p99") / 1e6,
                l.get("p999") / 1e6,
                l.get("max") / 1e6);
        if (r.cpu() != null) {
            System.out.printf(
                    Locale.ROOT,
                    "server CPU: %.0f µs per delivery (user %.0f + system %.0f; %.2f s of CPU in all, %.0f%% of one core"
                            + " over the run)%n",
                    r.cpu().totalNanos() / 1e3 / r.deliveries(),
                    r.cpu().userNanos() / 1e3 / r.deliveries(),
                    r.cpu().systemNanos() / 1e3 / r.deliveries(),
                    r.cpu().totalNanos() / 1e9,
                    100.0 * r.cpu().totalNanos() / 1e9 / r.seconds());
            r.cpuByThread().entrySet().stream()
                    .filter(e -> e.getValue().totalNanos() > 0)
                    .sorted(Comparator.comparing((Map.Entry<String, ProcessCpu.Sample> e) ->
                                    e.getValue().totalNanos())
                            .reversed())
                    .forEach(e -> System.out.printf(
                            Locale.ROOT,
                            "  %-16s %6.1f µs per delivery (user %.1f + system %.1f)%n",
                            e.getKey(),
                            e.getValue().totalNanos() / 1e3 / r.deliveries(),
                            e.getValue().userNanos() / 1e3 / r.deliveries(),
                            e.getValue().systemNanos() / 1e3 / r.deliveries()));
        } else {
            System.out.println("server CPU: not measured (give --server-pid with --target; needs /proc)");
        }
        if (footprint != null) {
            System.out.println("on disk: " + footprint.describe());
        }
    }

    private static String pinnedTo(String cpu) {
        return cpu == null || cpu.equals("none") ? " (not pinned)" : " pinned to core " + cpu;
    }

    /** {@code java} with this JVM's classpath running {@code main}'s class. */
    private static List<String> javaFor(Class<?> main) {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return command;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static JsonNode post(HttpClient http, String url, String bearer, Object body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Json.MAPPER.readTree(response.body());
    }
}
