package dev.lightfast.bench;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Each console page's data, fetched as the page fetches it (the same REST calls, those of one page
 * in parallel as the browser sends them), on the demo history: the time from the first request to
 * the last answer, one page at a time, so the numbers are latency, not throughput.
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = "Latency of each console page's API calls on the demo history (p50, p99).")
final class ConsoleBenchmark implements Callable<Integer> {
    private static final List<String> QUESTIONS = List.of(
            "Who reviewed the PR that fixed payments-api#301?",
            "Which deploy shipped commit 670ad44?",
            "What changed in payments-api last week?",
            "What is Priya working on?",
            "What caused the incident after Tuesday's deploy?");
    private static final List<String> SEARCHES =
            List.of("double payouts after a bank timeout", "balance cards", "deploy to production", "idempotency");

    @Option(
            names = "--loads",
            description = "measured loads per page (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int loads;

    @Option(
            names = "--warmup",
            description = "loads per page before measuring (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int warmup;

    private HttpClient http;
    private String base;
    private String apiKey;

    /** One load of a page: the requests it sends. */
    private interface Page {
        List<HttpRequest> requests(int i);
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("lightfast-bench-console-").resolve("data");
        apiKey = McpBenchmark.replayDemo(dir);
        try (var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", 0, dir, null, null))) {
            if (!lightfast.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(5))) {
                throw new IllegalStateException("projections did not catch up with the demo history");
            }
            base = "http://127.0.0.1:" + lightfast.port();
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            List<String> eventIds = new ArrayList<>();
            for (JsonNode e : get("/v1/events?limit=200").path("events")) {
                eventIds.add(e.path("id").asString());
            }
            List<String> entityIds = new ArrayList<>();
            for (JsonNode e : get("/v1/entities?q=payments&limit=20").path("entities")) {
                entityIds.add(e.path("id").asString());
            }
            String incidentAlert = get("/v1/events?type=sentry.event_alert.triggered&limit=10")
                    .path("events")
                    .get(1)
                    .path("id")
                    .asString();

            int waiting = seedWaitingIntents();

            var pages = new LinkedHashMap<String, Page>();
            pages.put("timeline", i -> List.of(request("/v1/events?order=newest&limit=50&before=" + (1000 - i % 500))));
            pages.put(
                    "timeline, filtered",
                    i -> List.of(request(
                            "/v1/events?order=newest&limit=50&source=sentry&type=sentry.event_alert.triggered")));
            pages.put("event", i -> List.of(request("/v1/events/" + eventIds.get(i % eventIds.size()))));
            pages.put(
                    "search",
                    i -> List.of(request("/v1/search?mode=hybrid&limit=20&q="
                            + URLEncoder.encode(SEARCHES.get(i % SEARCHES.size()), StandardCharsets.UTF_8))));
            pages.put("ask", i -> List.of(answer(QUESTIONS.get(i % QUESTIONS.size()))));
            pages.put("entity (one hop)", i -> entity(entityIds.get(i % entityIds.size()), 1));
            pages.put("entity (two hops)", i -> entity(entityIds.get(i % entityIds.size()), 2));
            pages.put("why (the incident)", i -> List.of(request("/v1/why/" + incidentAlert)));
            pages.put("rules", i -> List.of(request("/v1/rules"), request("/v1/violations?status=open&limit=20")));
            pages.put("rule dry run (editor)", i -> List.of(dryRun()));
            // As the approvals page loads: those waiting, and recent executions (none on the demo, whose
            // tools have no emulators here, so no per-execution status calls follow).
            pages.put(
                    "approvals (" + waiting + " waiting)",
                    i -> List.of(
                            request("/v1/intents?status=awaiting_approval&limit=50"),
                            request("/v1/intents?status=approved,executing,succeeded,failed&limit=10")));

            System.out.printf(
                    "Console pages on the demo history (%d events), %d loads each after %d warm-up loads; %s%n",
                    lightfast.storage().eventLog().lastSeq(TenantId.of("demo")), loads, warmup, lightfast.runtime());
            for (var page : pages.entrySet()) {
                var latency = new Histogram(3);
                load(page.getValue(), warmup, new Histogram(3));
                load(page.getValue(), loads, latency);
                System.out.printf(
                        "  %-24s p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms%n",
                        page.getKey(),
                        latency.getValueAtPercentile(50) / 1000.0,
                        latency.getValueAtPercentile(99) / 1000.0,
                        latency.getMaxValue() / 1000.0);
            }
        }
        return 0;
    }

    private void load(Page page, int n, Histogram latency) {
        for (int i = 0; i < n; i++) {
            var requests = page.requests(i);
            long t0 = System.nanoTime();
            var answers = requests.stream()
                    .map(r -> http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()))
                    .toList();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            latency.recordValue((System.nanoTime() - t0) / 1_000);
            for (var answer : answers) {
                var response = answer.join();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode());
                }
            }
        }
    }

    /**
     * Intents held for approval, as agents would leave them: the policy holds notify, the Slack
     * connection has a token (never used: nothing runs before an approval), each proposal asks to run.
     */
    private int seedWaitingIntents() throws Exception {
        String slack = null;
        for (JsonNode c : get("/v1/connections").path("connections")) {
            if (c.path("provider").asString().equals("slack")) {
                slack = c.path("id").asString();
            }
        }
        send(put("/v1/connections/" + slack + "/credentials", Map.of("token", "xoxb-bench")));
        send(put("/v1/intent-policy", Map.of("requireApproval", List.of("notify"))));
        int n = 100;
        for (int i = 0; i < n; i++) {
            send(post(
                    "/v1/intents",
                    Map.of(
                            "intent",
                            "notify",
                            "args",
                            Map.of(
                                    "to",
                                    "the reviewer of the PR that fixed payments-api#301",
                                    "message",
                                    "Could you look at the incident? (" + i + ")"),
                            "execute",
                            true)));
        }
        return n;
    }

    private void send(HttpRequest request) throws Exception {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpRequest put(String path, Object body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
    }

    private List<HttpRequest> entity(String id, int depth) {
        String path = "/v1/entities/" + id;
        // As the page loads it: the entity, its neighbourhood and history, the slider's bounds, its truth
        // and conflicts, all in parallel.
        return List.of(
                request(path),
                request(path + "/related?depth=" + depth),
                request(path + "/timeline?limit=20"),
                request(path + "/timeline?limit=1"),
                request("/v1/projections"),
                request("/v1/truth/" + id),
                request("/v1/conflicts?limit=20&entity=" + id));
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + apiKey)
                .build();
    }

    private HttpRequest answer(String question) {
        return post("/v1/answer", Map.of("question", question));
    }

    private HttpRequest dryRun() {
        return post(
                "/v1/rules/dry-run",
                Map.of(
                        "rule",
                        Map.of(
                                "name", "pull requests stay small",
                                "severity", "low",
                                "on", Map.of("type", "github.pull_request.merged"),
                                "require", "event.attributes.additions < 300")));
    }

    private HttpRequest post(String path, Object body) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
    }

    private JsonNode get(String path) throws Exception {
        var response = http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
