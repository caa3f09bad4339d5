package dev.lightfast.cli;

import dev.lightfast.cli.demo.DemoReplay;
import dev.lightfast.cli.demo.DemoRules;
import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The five-minute tour: a fresh server, a bundled team history (seven weeks of a six-person team
 * across GitHub, Linear, Vercel, Sentry and Slack) sent through the real, signed webhook endpoints,
 * and a few questions answered from the log with their sources.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start on an empty data directory, replay a bundled team history through the webhooks, "
                + "print cited answers, then keep serving for you to explore.")
final class DemoCommand implements Callable<Integer> {
    /** The questions the tour asks {@code POST /v1/answer}, in the team's own words. */
    static final List<String> QUESTIONS = List.of(
            "Who reviewed the PR that fixed payments-api#301?",
            "Which deploy shipped commit 670ad44?",
            "What changed in payments-api last week?",
            "What is Priya working on?",
            "What caused the incident after Tuesday's deploy?");

    /** The intent the tour proposes, as the team would say it, and as {@code POST /v1/intents} takes it. */
    static final String INTENT_SAID = "ask the reviewer of the PR that fixed payments-api#301 to look at the incident";

    static final Map<String, Object> INTENT = Map.of(
            "intent",
            "notify",
            "args",
            Map.of(
                    "to",
                    "the reviewer of the PR that fixed payments-api#301",
                    "message",
                    "Could you look at the incident after Tuesday's deploy? You reviewed the fix for payments-api#301."));

    @Option(
            names = "--port",
            description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)",
            defaultValue = "8080")
    int port;

    @Option(names = "--data", description = "an empty or new data directory (default: a new temporary one)")
    Path data;

    @Option(names = "--exit", description = "stop after printing the answers instead of serving")
    boolean exit;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-demo-");
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    System.err.println("lightfast: the demo starts from nothing; " + dir + " is not empty");
                    return 2;
                }
            }
        }
        var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", port, dir, null, null));
        try {
            String base = "http://localhost:" + lightfast.port();
            ServeCommand.announce(lightfast, dir);
            String admin = lightfast.adminToken().value();

            var tenant =
                    post(base + "/v1/admin/tenants", admin, Map.of("id", "demo", "name", "Ledgerloop (demo team)"));
            String apiKey = tenant.get("apiKey").stringValue();
            System.out.println("\nTenant 'demo', API key: " + apiKey);

            // The team's rules go first, so that they judge the history as it arrives.
            System.out.println("\nThe team's rules (each kept as an event in its log, judged as events arrive):");
            var ruleIds = new java.util.ArrayList<String>();
            for (var rule : DemoRules.ALL) {
                var created = post(base + "/v1/rules", apiKey, rule);
                ruleIds.add(created.get("id").asString());
                System.out.printf("  %s  \"%s\"%n", created.get("id").asString(), rule.get("name"));
            }

            List<RecordedDelivery> history = RecordedDelivery.bundled();
            System.out.printf(
                    "Replaying %d deliveries of the Ledgerloop team (GitHub, Linear, Vercel, Sentry, Slack; "
                            + "Oct 5 to Nov 20, 2026), each signed now with its connection's secret...%n",
                    history.size());
            var summary = new DemoReplay(http, base, apiKey, Clock.systemUTC()).replay(history);
            for (var p : summary.providers()) {
                if (p.skipped()) {
                    System.out.printf(
                            "  %-7s %4d deliveries skipped: %s%n", p.provider(), p.deliveries(), p.skippedBecause());
                } else {
                    System.out.printf(
                            "  %-7s %4d deliveries -> %4d events  (connection %s)%n",
                            p.provider(), p.deliveries(), p.events(), p.connectionId());
                }
            }
            System.out.printf("%d events stored, in causal order.%n", summary.eventsStored());

            // The graph and the index follow the log in the background; let them finish reading it.
            lightfast.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(5));
            for (String question : QUESTIONS) {
                answer(question, post(base + "/v1/answer", apiKey, Map.of("question", question, "limit", 3)));
            }

            System.out.println("\nWhat the rules found in the history:");
            for (String ruleId : ruleIds) {
                rule(base, apiKey, ruleId);
            }

            System.out.println(
                    "\nWhere the tools disagree (GET /v1/conflicts), and what the truth policy makes of it:");
            for (JsonNode c : get(base + "/v1/conflicts?limit=3", apiKey).path("conflicts")) {
                System.out.printf(
                        "  %s %s: %s%n",
                        c.path("entity").path("label").asString(),
                        c.path("attribute").asString(),
                        c.path("verdict").path("rationale").asString());
            }

            intent(base, apiKey);

            System.out.println("\nTry it yourself:");
            System.out.println("  curl -s -H 'Authorization: Bearer " + apiKey + "' '" + base
                    + "/v1/search?q=double+payouts+after+a+bank+timeout&limit=5'");
            System.out.println("  curl -s -H 'Authorization: Bearer " + apiKey + "' " + base
                    + "/v1/answer -d '{\"question\":\"What is Jonas working on?\"}'");
            System.out.println("  curl -s -H 'Authorization: Bearer " + apiKey + "' '" + base
                    + "/v1/violations?status=open&limit=5'");
            System.out.println("  curl -s -H 'Authorization: Bearer " + apiKey + "' '" + base + "/v1/patterns'");
            if (exit) {
                return 0;
            }
            System.out.println("\nServing on " + base + " until Ctrl-C.");
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
            return 0;
        } finally {
            lightfast.close();
        }
    }

    /**
     * Proposes the tour's intent (a dry run) and prints the plan: each call, why, and the steps that
     * led there, each cited. The demo's connections have no tokens, so nothing can run; the plan is
     * made all the same, and says which credentials executing it needs.
     */
    private void intent(String base, String apiKey) throws IOException, InterruptedException {
        System.out.println("\nAn intent, in the team's words: \"" + INTENT_SAID + "\"");
        System.out.println("  POST /v1/intents " + Json.MAPPER.writeValueAsString(INTENT));
        JsonNode intent = post(base + "/v1/intents", apiKey, INTENT).path("intent");
        JsonNode plan = intent.path("plan");
        System.out.printf(
                "  plan %s (%s, a dry run): %d call(s)%n",
                intent.path("id").asString(),
                intent.path("state").asString().toLowerCase(java.util.Locale.ROOT),
                plan.path("calls").size());
        var connections = new java.util.LinkedHashSet<String>();
        for (JsonNode c : plan.path("calls")) {
            JsonNode call = c.path("call");
            connections.add(call.path("connectionId").asString());
            System.out.printf(
                    "    %d. %s  [%s %s via %s]%n",
                    c.path("index").asInt() + 1,
                    c.path("why").asString(),
                    call.path("operation").asString().toLowerCase(java.util.Locale.ROOT),
                    call.path("arguments"),
                    call.path("connectionId").asString());
        }
        System.out.println("  because:");
        var said = new java.util.HashSet<String>();
        for (JsonNode c : plan.path("calls")) {
            for (JsonNode r : c.path("because")) {
                if (!said.add(r.path("says").asString())) {
                    continue;
                }
                System.out.println("    - " + r.path("says").asString());
                for (JsonNode cited : r.path("citations")) {
                    System.out.printf(
                            "        [%s, %s, %s]%n",
                            cited.path("type").asString(),
                            cited.path("eventId").asString(),
                            cited.path("url").asString("no link"));
                }
            }
        }
        System.out.println("  policy: " + plan.path("policy").path("because").asString());
        for (String connection : connections) {
            System.out.println("  Executing it needs the connection's token (the demo has none): PUT /v1/connections/"
                    + connection + "/credentials {\"token\": ...}, then POST /v1/intents/"
                    + intent.path("id").asString() + "/execute");
        }
    }

    /** Prints what a rule found: its counts and its first violations, each cited by event id and link. */
    private void rule(String base, String apiKey, String ruleId) throws IOException, InterruptedException {
        JsonNode rule = get(base + "/v1/rules/" + ruleId, apiKey);
        JsonNode stats = rule.path("stats");
        System.out.printf(
                "%n\"%s\": %d open, %d resolved%n",
                rule.path("rule").path("name").asString(),
                stats.path("open").asLong(),
                stats.path("resolved").asLong());
        for (JsonNode v :
                get(base + "/v1/violations?limit=3&rule=" + ruleId, apiKey).path("violations")) {
            JsonNode trigger = v.path("trigger");
            System.out.printf(
                    "    %s: %s  [%s, %s, %s]%n",
                    v.path("status").asString(),
                    v.path("reason").asString(),
                    trigger.path("type").asString(),
                    trigger.path("eventId").asString(),
                    trigger.path("url").asString("no link"));
        }
    }

    /** Prints the answer's summary and its top evidence, each cited by event id and the tool's link. */
    private static void answer(String question, JsonNode answer) {
        System.out.println("\n" + question);
        for (JsonNode sentence : answer.path("summary")) {
            System.out.println("  " + sentence.path("text").asString());
        }
        for (JsonNode e : answer.path("evidence")) {
            System.out.printf(
                    "    %d. %s  [%s, %s, %s]%n",
                    e.path("rank").asInt(),
                    e.path("title").asString(),
                    e.path("type").asString(),
                    e.path("eventId").asString(),
                    e.path("url").asString("no link"));
        }
    }

    private JsonNode post(String url, String bearer, Object body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        return send(request);
    }

    private JsonNode get(String url, String bearer) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Json.MAPPER.readTree(response.body());
    }
}
