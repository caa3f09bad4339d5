package dev.lightfast.bench;

import dev.lightfast.connectors.github.GithubHistoryReader;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.emulators.github.GithubEmulator;
import dev.lightfast.emulators.github.GithubHistory;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * A backfill of a generated GitHub history from the emulator (its rate limit off) into a real
 * in-process server: objects read and turned into events per second, from the POST that starts
 * the job to its end, the log durable after each page. The graph and search follow the log as
 * they would; the figure is the backfill's, not theirs (they catch up afterwards).
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Backfill throughput (objects/s) of a generated GitHub history from the emulator.")
final class BackfillBenchmark implements Callable<Integer> {
    private static final String TOKEN = "ghs_bench";
    private static final List<String> REPOS = List.of("acme/shop", "acme/api", "acme/web");

    @Option(
            names = "--objects",
            description = "objects in the history (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    int objects;

    @Option(names = "--pg", paramLabel = "<jdbc url>", description = "run on PostgreSQL instead of SQLite")
    String pg;

    @Override
    public Integer call() throws Exception {
        var history = GithubHistory.generate(22, objects, REPOS, Instant.parse("2026-01-05T09:00:00Z"));
        var dir = Files.createTempDirectory("lightfast-bench-backfill-");
        var config = new ServerConfig("127.0.0.1", 0, dir, null, null, pg);
        var readers = List.<dev.lightfast.core.backfill.HistoryReader>of(new GithubHistoryReader(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Clock.systemUTC()));
        try (GithubEmulator github = new GithubEmulator(TOKEN).start();
                var lightfast = Lightfast.start(config, readers)) {
            github.serve(history);
            String base = "http://127.0.0.1:" + lightfast.port();
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String tenant = "bench-" + Long.toHexString(System.nanoTime());
            String key = call(
                            http,
                            "POST",
                            base + "/v1/admin/tenants",
                            lightfast.adminToken().value(),
                            Map.of("id", tenant))
                    .get("apiKey")
                    .stringValue();
            String connection = call(
                            http,
                            "POST",
                            base + "/v1/connections",
                            key,
                            Map.of("provider", "github", "secret", "bench-secret"))
                    .get("id")
                    .stringValue();
            System.out.printf(
                    "backfill: %d GitHub objects (%d pull requests, %d issues, %d commits, %d releases, %d deployments,"
                            + " with reviews and statuses) in %d repositories from the emulator, rate limit off;"
                            + " 1 in-process server on %s; %d cores%n",
                    history.objectCount(),
                    history.pulls().size(),
                    history.issues().size(),
                    history.commits().size(),
                    history.releases().size(),
                    history.deployments().size(),
                    REPOS.size(),
                    lightfast.storage().describe(),
                    Runtime.getRuntime().availableProcessors());
            long t0 = System.nanoTime();
            call(
                    http,
                    "POST",
                    base + "/v1/connections/" + connection + "/backfill",
                    key,
                    Map.of(
                            "since",
                            history.start().toString(),
                            "repositories",
                            REPOS,
                            "token",
                            TOKEN,
                            "apiBase",
                            github.baseUri().toString()));
            lightfast.backfills().await(TenantId.of(tenant), connection, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - t0) / 1e9;
            JsonNode job = call(http, "GET", base + "/v1/connections/" + connection + "/backfill", key, null)
                    .get("job");
            long done = job.get("objectsDone").asLong();
            // The job counts changes (a pull request opened and merged is two); the API objects are the history's.
            System.out.printf(
                    "backfill: %s; %d API objects (%d changes, %d events added) through %d API calls in %.1f s:"
                            + " %.0f objects/s (%.0f events/s)%n",
                    job.get("state").stringValue(),
                    history.objectCount(),
                    done,
                    job.get("eventsAdded").asLong(),
                    github.rateLimit().requests(),
                    seconds,
                    history.objectCount() / seconds,
                    job.get("eventsAdded").asLong() / seconds);
            return job.get("state").stringValue().equals("done") ? 0 : 1;
        }
    }

    private static JsonNode call(HttpClient http, String method, String url, String bearer, Object body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        var r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Json.MAPPER.readTree(r.body());
    }
}
