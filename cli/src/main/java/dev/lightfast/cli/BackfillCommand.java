package dev.lightfast.cli;

import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code lightfast backfill start|status|cancel}: a connection's history read through the tool's
 * API by a running server ({@code POST|GET|DELETE /v1/connections/{id}/backfill}). The job runs in
 * the server, which resumes it after a restart; the command only starts, watches or stops it. The
 * token is read from an environment variable, never from the command line (which other users of
 * the machine can see).
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Import a connection's history through the tool's API, in a running server.",
        subcommands = {BackfillCommand.Start.class, BackfillCommand.Status.class, BackfillCommand.Cancel.class})
final class BackfillCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the server is, whose tenant, which connection. */
    static final class Target {
        @Option(
                names = "--server",
                defaultValue = "${env:LIGHTFAST_URL:-http://localhost:8080}",
                description = "the server's address (default: ${DEFAULT-VALUE})")
        URI server;

        @Option(
                names = "--api-key-env",
                defaultValue = "LIGHTFAST_API_KEY",
                description = "environment variable holding the tenant's API key (default: ${DEFAULT-VALUE})")
        String apiKeyEnv;

        @Option(names = "--connection", required = true, description = "the connection's id (con_...)")
        String connection;

        JsonNode call(String method, Object body) throws IOException, InterruptedException {
            String key = System.getenv(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("set " + apiKeyEnv + " to the tenant's API key");
            }
            var b = HttpRequest.newBuilder(server.resolve("/v1/connections/" + connection + "/backfill"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key);
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            // Made here, not as a field: picocli makes every command at start, and the JDK's HTTP client
            // reads JVM-wide settings at its first use, which the server sets as it starts (lightfast mcp).
            var http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            var r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = Json.MAPPER.readTree(r.body());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalArgumentException("the server answered " + r.statusCode() + ": "
                        + json.path("error").path("message").asString(new String(r.body())));
            }
            return json;
        }

        /** Polls until the job ends, a line of progress at a time; the exit code says how it ended. */
        int watch(JsonNode progress) throws IOException, InterruptedException {
            while (progress.path("job").path("state").asString().equals("running")) {
                System.err.println(line(progress));
                Thread.sleep(2_000);
                progress = call("GET", null);
            }
            System.out.println(line(progress));
            return progress.path("job").path("state").asString().equals("done") ? 0 : 1;
        }
    }

    static String line(JsonNode p) {
        JsonNode job = p.path("job");
        var b = new StringBuilder()
                .append(job.path("id").asString())
                .append(' ')
                .append(job.path("state").asString())
                .append(": ")
                .append(job.path("objectsDone").asLong())
                .append(
                        job.has("objectsTotal")
                                ? " of " + job.path("objectsTotal").asLong()
                                : "")
                .append(" objects, ")
                .append(job.path("eventsAdded").asLong())
                .append(" events added, ")
                .append(p.path("objectsPerSecond").asDouble())
                .append(" objects/s");
        if (p.has("secondsLeft")) {
            b.append(", about ").append(p.path("secondsLeft").asLong()).append(" s left");
        }
        if (job.path("errors").asLong() > 0) {
            b.append(", ").append(job.path("errors").asLong()).append(" retried calls");
        }
        if (job.hasNonNull("lastError")) {
            b.append(" (last error: ").append(job.path("lastError").asString()).append(')');
        }
        return b.toString();
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start reading the history.")
    static final class Start implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(
                names = "--since",
                required = true,
                description = "the earliest time to read, e.g. 2026-01-01T00:00:00Z")
        String since;

        @Option(names = "--until", description = "read up to this time (default: now)")
        String until;

        @Option(names = "--repo", required = true, description = "owner/name of a repository to read (repeat it)")
        List<String> repositories;

        @Option(
                names = "--what",
                description = "what to read (repeat it): pulls, issues, commits, releases, deployments")
        List<String> what;

        @Option(
                names = "--token-env",
                defaultValue = "GITHUB_TOKEN",
                description = "environment variable holding the tool's API token (default: ${DEFAULT-VALUE})")
        String tokenEnv;

        @Option(
                names = "--api-base",
                description = "the tool's API address (GitHub Enterprise; default: the public API)")
        String apiBase;

        @Option(names = "--wait", description = "stay until the job ends, printing its progress")
        boolean wait;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String token = System.getenv(tokenEnv);
            if (token == null || token.isBlank()) {
                System.err.println("lightfast: set " + tokenEnv + " to an API token that can read the history");
                return 2;
            }
            var body = new LinkedHashMap<String, Object>();
            body.put("since", since);
            if (until != null) {
                body.put("until", until);
            }
            body.put("repositories", repositories);
            if (what != null) {
                body.put("what", what);
            }
            body.put("token", token);
            if (apiBase != null) {
                body.put("apiBase", apiBase);
            }
            var started = target.call("POST", body);
            if (wait) {
                return target.watch(started);
            }
            System.out.println(line(started));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the latest job's progress.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--wait", description = "stay until the job ends, printing its progress")
        boolean wait;

        @Override
        public Integer call() throws IOException, InterruptedException {
            var progress = target.call("GET", null);
            if (wait) {
                return target.watch(progress);
            }
            System.out.println(line(progress));
            return 0;
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Stop the running job; what it added stays.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException, InterruptedException {
            System.out.println(line(target.call("DELETE", null)));
            return 0;
        }
    }
}
