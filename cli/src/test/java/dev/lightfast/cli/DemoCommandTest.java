package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The demo, run once for the class: the whole history through the signed webhook endpoints, then
 * the questions of issue 7 asked of a real server over HTTP, each answered with the labelled
 * events among the first three.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {
    @TempDir
    static Path tmp;

    private String printed;
    private int exit;

    @BeforeAll
    void runTheDemo() {
        var out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run(
                    "demo",
                    "--port",
                    "0",
                    "--exit",
                    "--data",
                    tmp.resolve("demo").toString());
        } finally {
            System.setOut(original);
        }
        printed = out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_demo_replays_the_whole_history_through_the_signed_webhook_endpoints() throws Exception {
        List<RecordedDelivery> history = RecordedDelivery.bundled();
        assertThat(exit).as(printed).isZero();

        // Each tool is either replayed in full or skipped as a whole with its reason.
        for (String provider :
                history.stream().map(RecordedDelivery::provider).distinct().toList()) {
            long count =
                    history.stream().filter(d -> d.provider().equals(provider)).count();
            assertThat(printed).containsPattern("(?m)^  " + provider + " +" + count + " deliveries (->|skipped: )");
        }
        assertThat(printed)
                .contains("What caused the incident after Tuesday's deploy?")
                .contains("events stored");

        // Every GitHub delivery was accepted (a refusal fails the demo) and is in the log exactly once.
        List<Event> events = new ArrayList<>();
        try (var storage = SqliteStorage.open(tmp.resolve("demo"))) {
            var query = EventQuery.all(EventQuery.MAX_LIMIT);
            while (true) {
                var page = storage.eventLog().read(TenantId.of("demo"), query);
                events.addAll(page.events());
                if (!page.hasMore()) {
                    break;
                }
                query = query.after(page.nextAfter());
            }
            Set<String> githubDeliveries = new HashSet<>();
            for (Event e : events) {
                if (e.source().equals("github")) {
                    githubDeliveries.add(storage.eventLog()
                            .findRaw(TenantId.of("demo"), e.rawRef())
                            .orElseThrow()
                            .deliveryKey());
                }
            }
            assertThat(githubDeliveries)
                    .containsExactlyInAnyOrderElementsOf(history.stream()
                            .filter(d -> d.provider().equals("github"))
                            .map(RecordedDelivery::deliveryId)
                            .toList());
        }
        assertThat(events).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
        assertThat(events)
                .extracting(Event::type)
                .contains(
                        "github.pull_request.merged",
                        "github.commit.pushed",
                        "github.pull_request_review.submitted",
                        "github.deployment_status.success",
                        "github.deployment_status.failure",
                        "github.issue.opened",
                        "github.release.published",
                        "github.check_run.completed");
    }

    /**
     * The demo's rules judged the history as it arrived; each found something, and a dry run of each
     * over the same history finds exactly the same violations, cited alike.
     */
    @Test
    void the_demo_rules_find_violations_and_a_dry_run_over_the_history_finds_the_same() throws Exception {
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("What the rules found in the history:");
        Matcher key = Pattern.compile("lf_[A-Za-z0-9_-]+").matcher(printed);
        assertThat(key.find()).isTrue();
        String apiKey = key.group();
        var http = HttpClient.newHttpClient();
        try (var server = Lightfast.start(new ServerConfig("127.0.0.1", 0, tmp.resolve("demo"), null, null))) {
            server.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(2));
            String base = "http://127.0.0.1:" + server.port();
            JsonNode rules = call(
                            http,
                            HttpRequest.newBuilder(URI.create(base + "/v1/rules"))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .build())
                    .get("rules");
            assertThat(rules).hasSize(dev.lightfast.cli.demo.DemoRules.ALL.size());
            for (JsonNode rule : rules) {
                String id = rule.get("id").stringValue();
                JsonNode live = call(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "/v1/violations?limit=200&rule=" + id))
                                        .header("Authorization", "Bearer " + apiKey)
                                        .build())
                        .get("violations");
                assertThat(live).as(rule.toString()).isNotEmpty();
                assertThat(printed)
                        .contains(live.get(0).get("trigger").get("eventId").stringValue());
                JsonNode dry = call(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "/v1/rules/dry-run"))
                                        .header("Authorization", "Bearer " + apiKey)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                                Json.MAPPER.writeValueAsBytes(Map.of("ruleId", id, "limit", 200))))
                                        .build())
                        .get("result");
                assertThat(dry.get("violations").asInt()).isEqualTo(live.size());
                assertThat(byId(dry.get("first")))
                        .as(rule.get("rule").get("name").stringValue())
                        .isEqualTo(byId(live));
                assertThat(dry.get("errors").asInt()).isZero();
            }
        }
    }

    private static Map<String, String> byId(JsonNode violations) {
        var out = new java.util.TreeMap<String, String>();
        violations.forEach(v -> out.put(v.get("id").stringValue(), v.toString()));
        return out;
    }

    /** The labelled deliveries of each question (bench/src/main/resources/eval/questions.jsonl). */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "Who reviewed the PR that fixed payments-api#301?",
            List.of("712aee88-e741-370e-9170-94c11850203c", "8219c9a1-6db0-36ed-97ba-168ffc26a8c4"),
            "Which deploy shipped commit 670ad44?",
            List.of("771b8f9d-6bbc-3aab-b332-a6c54e28795d", "29d254a4-e9b8-3595-b8eb-39b513b66dec"),
            "What changed in payments-api last week?",
            List.of(
                    "325b9347-0096-3956-beee-ae356efd4a6c",
                    "20137819-a598-325f-91da-890bcda1232b",
                    "b3223358-9fc0-3ccd-a3ae-64238a32716b",
                    "b7fef4e9-baf8-35b2-92ad-31c2331a5e8b",
                    "1ac7b532-3d56-3c96-a4da-3bc0845b7f4f"),
            "What is Priya working on?",
            List.of("59823c0a-6421-320d-932d-5209272bbfbf", "382c9472-7c05-36c6-92ae-99775267ea85"),
            "What caused the incident after Tuesday's deploy?",
            List.of(
                    "77ed3797-0c03-34c5-a1e1-419ccdf86a3b",
                    "187f42b5-1656-329d-9a4b-6bdae478b5c3",
                    "A5dxKLkseG4nT8pDawRwL7Cd",
                    "rN5qFt8QhnaYnrBzJwp596U5",
                    "0205587c-00be-3e8e-8fb9-e75f9d25d8fc",
                    "4231e1a5-9911-3b74-9f74-e57ca4226ec7",
                    "Ev04J70DS8R"));

    @Test
    void the_server_answers_the_questions_with_the_right_events_cited_in_the_first_three() throws Exception {
        assertThat(exit).as(printed).isZero();
        Matcher key = Pattern.compile("lf_[A-Za-z0-9_-]+").matcher(printed);
        assertThat(key.find()).isTrue();
        String apiKey = key.group();
        var http = HttpClient.newHttpClient();
        try (var server = Lightfast.start(new ServerConfig("127.0.0.1", 0, tmp.resolve("demo"), null, null))) {
            server.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(2));
            String base = "http://127.0.0.1:" + server.port();
            for (var question : DemoCommand.QUESTIONS) {
                JsonNode answer = call(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/v1/answer"))
                                .header("Authorization", "Bearer " + apiKey)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(
                                        Json.MAPPER.writeValueAsBytes(Map.of("question", question))))
                                .build());
                List<String> topDeliveries = new ArrayList<>();
                for (JsonNode e : answer.get("evidence")) {
                    if (topDeliveries.size() < 3) {
                        JsonNode event = call(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "/v1/events/"
                                                + e.get("eventId").stringValue()))
                                        .header("Authorization", "Bearer " + apiKey)
                                        .build());
                        topDeliveries.add(event.get("raw").get("deliveryKey").stringValue());
                        assertThat(e.get("citation").get("eventId").stringValue())
                                .isEqualTo(e.get("eventId").stringValue());
                    }
                }
                assertThat(topDeliveries).as(question + " -> " + answer).containsAnyElementsOf(EXPECTED.get(question));
                assertThat(answer.get("summary")).isNotEmpty();
                answer.get("summary")
                        .forEach(s ->
                                assertThat(s.get("citations")).as(s.toString()).isNotEmpty());
            }
            // The pull request of ENG-123 reads "open" before the seq of its merge and "merged" from it on.
            JsonNode pr = call(
                            http,
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    base
                                                            + "/v1/entities?kind=pull_request&key=github:ledgerloop/dashboard/pull/187"))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .build())
                    .get("entities")
                    .get(0);
            String prId = pr.get("id").stringValue();
            long merged = -1;
            JsonNode timeline = call(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/v1/entities/" + prId + "/timeline?limit=500"))
                            .header("Authorization", "Bearer " + apiKey)
                            .build());
            for (JsonNode e : timeline.get("events")) {
                if (e.get("type").stringValue().equals("github.pull_request.merged")) {
                    merged = e.get("seq").asLong();
                }
            }
            assertThat(merged).isPositive();
            for (long asOf : List.of(merged - 1, merged)) {
                JsonNode then = call(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/v1/entities/" + prId + "?asOf=" + asOf))
                                .header("Authorization", "Bearer " + apiKey)
                                .build());
                assertThat(then.get("attributes").get("state").stringValue())
                        .isEqualTo(asOf < merged ? "open" : "merged");
            }
            // From the incident, the graph reaches the deploy, the commit, the PR with its author and
            // reviewers, the Linear issue and the Slack decision; every edge cited.
            String incident = entityId(http, base, apiKey, "incident", "sentry:issue/6089233417");
            JsonNode related = call(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/v1/entities/" + incident + "/related?depth=4"))
                            .header("Authorization", "Bearer " + apiKey)
                            .build());
            List<String> reached = new ArrayList<>();
            related.get("entities")
                    .properties()
                    .forEach(e -> reached.add(e.getValue().get("key").stringValue()));
            assertThat(reached)
                    .contains(
                            "git:cc604c1836767aa7e2d74888fe2ee58cac2be118",
                            "github:ledgerloop/dashboard/pull/187",
                            "vercel:deployment/dpl_mruFWo2Woq1u1wTSfoT1e8UDb2ku",
                            "linear:ENG-123",
                            "slack:channel/C05INC8R2D4/decision/1794912000.338987");
            JsonNode people = call(
                    http,
                    HttpRequest.newBuilder(
                                    URI.create(base + "/v1/entities/" + prId + "/related?type=authored,reviewed"))
                            .header("Authorization", "Bearer " + apiKey)
                            .build());
            assertThat(people.get("relations")).hasSizeGreaterThanOrEqualTo(2);
            for (JsonNode r : people.get("relations")) {
                assertThat(related.get("entities")
                                .has(r.get("relation").get("from").stringValue()))
                        .as(r.toString())
                        .isTrue();
            }
            related.get("relations")
                    .forEach(r -> assertThat(r.get("relation").get("citations"))
                            .as(r.toString())
                            .isNotEmpty());

            // People stay apart unless evidence joins them: the reviewer and the author are two people.
            JsonNode maya = call(
                    http,
                    HttpRequest.newBuilder(URI.create(base + "/v1/entities?kind=person&key=github:mayachen"))
                            .header("Authorization", "Bearer " + apiKey)
                            .build());
            assertThat(maya.get("entities").get(0).get("aliases").toString()).doesNotContain("priyaraman");
        }
    }

    private static String entityId(HttpClient http, String base, String apiKey, String kind, String key)
            throws Exception {
        return call(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/v1/entities?kind=" + kind + "&key="
                                        + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + apiKey)
                                .build())
                .get("entities")
                .get(0)
                .get("id")
                .stringValue();
    }

    @Test
    void the_demo_proposes_an_intent_and_prints_the_plan_with_its_cited_reasons() throws Exception {
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains(DemoCommand.INTENT_SAID).contains("a dry run");
        Matcher key = Pattern.compile("lf_[A-Za-z0-9_-]+").matcher(printed);
        assertThat(key.find()).isTrue();
        String apiKey = key.group();
        Matcher planned =
                Pattern.compile("plan (int_[a-z0-9]+) \\(planned, a dry run\\)").matcher(printed);
        assertThat(planned.find()).as(printed).isTrue();
        String intentId = planned.group(1);
        var http = HttpClient.newHttpClient();
        try (var server = Lightfast.start(new ServerConfig("127.0.0.1", 0, tmp.resolve("demo"), null, null))) {
            server.projections().awaitCaughtUp(TenantId.of("demo"), Duration.ofMinutes(2));
            String base = "http://127.0.0.1:" + server.port();
            java.util.function.Function<String, HttpRequest.Builder> at =
                    path -> HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey);

            // Who the history says reviewed that PR, asked as a question of its own.
            JsonNode answer = call(
                    http,
                    at.apply("/v1/answer")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(
                                    Map.of("question", "Who reviewed the PR that fixed payments-api#301?"))))
                            .build());
            assertThat(answer.get("answer")).hasSize(1);
            JsonNode reviewer = answer.get("answer").get(0);
            JsonNode person = call(
                    http,
                    at.apply("/v1/entities/" + reviewer.get("id").asString())
                            .GET()
                            .build());
            String slackId = person.get("aliases")
                    .valueStream()
                    .filter(a -> a.get("kind").asString().equals("slack_user"))
                    .map(a -> a.get("value").asString())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the reviewer has no Slack id: " + person));

            // The plan: a direct message to that reviewer on Slack, where the history says they are.
            JsonNode intent = call(
                            http, at.apply("/v1/intents/" + intentId).GET().build())
                    .get("intent");
            assertThat(intent.get("state").asString()).isEqualTo("PLANNED");
            JsonNode calls = intent.get("plan").get("calls");
            assertThat(calls).hasSize(1);
            JsonNode slackCall = calls.get(0).get("call");
            assertThat(slackCall.get("operation").asString()).isEqualTo("SLACK_POST_MESSAGE");
            assertThat(slackCall.get("arguments").get("channel").asString()).isEqualTo(slackId);
            assertThat(printed).contains("\"channel\":\"" + slackId + "\"");
            assertThat(printed).contains(reviewer.get("label").asString() + " reviewed");
            assertThat(printed).contains("Executing it needs the connection's token");

            // Every reason is printed with its citations, and each cited event is in the log; the review
            // the answer cites is among them.
            var cited = new HashSet<String>();
            for (JsonNode because : calls.get(0).get("because")) {
                assertThat(printed).contains(because.get("says").asString());
                for (JsonNode c : because.get("citations")) {
                    String eventId = c.get("eventId").asString();
                    cited.add(eventId);
                    assertThat(printed).contains(eventId);
                    assertThat(call(
                                            http,
                                            at.apply("/v1/events/" + eventId)
                                                    .GET()
                                                    .build())
                                    .get("type")
                                    .asString())
                            .isEqualTo(c.get("type").asString());
                }
            }
            assertThat(cited)
                    .containsAll(reviewer.get("citations")
                            .valueStream()
                            .map(c -> c.get("eventId").asString())
                            .toList());
        }
    }

    private static JsonNode call(HttpClient http, HttpRequest request) throws Exception {
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
