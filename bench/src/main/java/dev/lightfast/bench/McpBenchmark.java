package dev.lightfast.bench;

import dev.lightfast.cli.Main;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The MCP {@code search} tool's round trip over streamable HTTP (the SDK's Java client, one session)
 * against the REST {@code GET /v1/search} it mirrors, on the demo history, one call at a time so
 * the numbers are latency, not throughput. Both run the same queries against the same server.
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = "MCP search round trip over streamable HTTP vs REST GET /v1/search, on the demo history.")
final class McpBenchmark implements Callable<Integer> {
    private static final List<String> QUERIES = List.of(
            "deployment to production",
            "README",
            "pull request merged",
            "spelling error",
            "release",
            "check run failed",
            "who reviewed",
            "issue comment");
    private static final Pattern API_KEY = Pattern.compile("\\blf_[A-Za-z0-9_-]+");

    @Option(
            names = "--calls",
            description = "measured calls per side (default: ${DEFAULT-VALUE})",
            defaultValue = "2000")
    int calls;

    @Option(
            names = "--warmup",
            description = "calls per side before measuring (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int warmup;

    @Option(names = "--limit", description = "hits per search (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int limit;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("lightfast-bench-mcp-").resolve("data");
        String apiKey = replayDemo(dir);
        try (var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", 0, dir, null, null))) {
            if (!lightfast.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(5))) {
                throw new IllegalStateException("projections did not catch up with the demo history");
            }
            String base = "http://127.0.0.1:" + lightfast.port();
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var transport = HttpClientStreamableHttpTransport.builder(base)
                    .endpoint("/mcp")
                    .httpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + apiKey))
                    .build();
            try (var mcp = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(60))
                    .build()) {
                mcp.initialize();
                Call rest = i -> {
                    String q = URLEncoder.encode(QUERIES.get(i % QUERIES.size()), StandardCharsets.UTF_8);
                    var response = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/search?limit=" + limit + "&q=" + q))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("REST search answered " + response.statusCode());
                    }
                };
                Call tool = i -> {
                    var result = mcp.callTool(new CallToolRequest(
                            "search", Map.of("query", QUERIES.get(i % QUERIES.size()), "limit", limit)));
                    if (Boolean.TRUE.equals(result.isError())) {
                        throw new IllegalStateException("MCP search failed: " + result.content());
                    }
                };
                System.out.printf(
                        "search round trips on the demo history: %d measured calls per side after %d warm-up, "
                                + "limit %d, one call at a time, alternating REST and MCP%n",
                        calls, warmup, limit);
                run(rest, tool, warmup, new Histogram(3), new Histogram(3));
                var restLatency = new Histogram(3);
                var mcpLatency = new Histogram(3);
                run(rest, tool, calls, restLatency, mcpLatency);
                report("REST GET /v1/search      ", restLatency);
                report("MCP tools/call search    ", mcpLatency);
                double ratio = mcpLatency.getValueAtPercentile(99) / (double) restLatency.getValueAtPercentile(99);
                System.out.printf(
                        "MCP p99 / REST p99 = %.2f (target <= 2.00): %s%n", ratio, ratio <= 2 ? "met" : "NOT met");
            }
        }
        return 0;
    }

    @FunctionalInterface
    private interface Call {
        void run(int i) throws Exception;
    }

    /** Alternates the two so that both see the same machine load, JIT state and index. */
    private static void run(Call rest, Call tool, int n, Histogram restLatency, Histogram mcpLatency) throws Exception {
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            rest.run(i);
            long t1 = System.nanoTime();
            tool.run(i);
            long t2 = System.nanoTime();
            restLatency.recordValue((t1 - t0) / 1_000);
            mcpLatency.recordValue((t2 - t1) / 1_000);
        }
    }

    private static void report(String name, Histogram h) {
        System.out.printf(
                "%s p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                name,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    /** Runs {@code lightfast demo --exit} into {@code dir} and returns the API key it printed. */
    static String replayDemo(Path dir) {
        var printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("demo", "--port", "0", "--data", dir.toString(), "--exit");
        } finally {
            System.setOut(stdout);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        var key = API_KEY.matcher(output);
        if (exit != 0 || !key.find()) {
            throw new IllegalStateException("lightfast demo failed (exit " + exit + "):\n" + output);
        }
        return key.group();
    }
}
