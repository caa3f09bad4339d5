package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.server.Lightfast;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Reason II on the demo's history, over real HTTP: the incident's why-chain runs from the Sentry
 * issue to the Slack decision in order, each step cited and marked asserted or inferred; the
 * Linear/GitHub disagreement about ENG-134 is a conflict with the policy's verdict; truth as of a
 * point is what was believed then; patterns and risk cite their events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoReasonTest {
    private final DemoHistory demo = DemoHistory.prepared();
    private final HttpClient http = HttpClient.newHttpClient();
    private Lightfast server;
    private String base;

    @BeforeAll
    void start() {
        server = demo.serve();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + demo.apiKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private JsonNode post(String path, Object body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + demo.apiKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private String id(String kind, String key) throws Exception {
        return get("/v1/entities?kind=" + kind + "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                .get("entities")
                .get(0)
                .get("id")
                .stringValue();
    }

    private static List<String> chain(JsonNode why) {
        List<String> out = new ArrayList<>();
        out.add(why.get("start").get("kind").stringValue());
        why.get("steps").forEach(s -> out.add(s.get("cause").get("kind").stringValue()));
        return out;
    }

    @Test
    void the_incidents_why_chain_runs_from_the_sentry_issue_to_the_slack_decision_in_order_each_step_cited()
            throws Exception {
        String incident = id("incident", "sentry:issue/6089233417");
        JsonNode why = get("/v1/why/" + incident);
        assertThat(chain(why)).containsExactly("incident", "deployment", "commit", "pull_request", "issue", "decision");
        List<String> causes = new ArrayList<>();
        why.get("steps").forEach(s -> causes.add(s.get("cause").get("label").stringValue()));
        assertThat(causes.subList(0, 4))
                .containsExactly(
                        "dashboard-7jydn2r0e-ledgerloop.vercel.app", "cc604c1", "ledgerloop/dashboard#187", "ENG-123");
        assertThat(causes.get(4)).contains("balance cards read `balances[]` only");
        int n = 1;
        String effect = incident;
        for (JsonNode step : why.get("steps")) {
            assertThat(step.get("n").asInt()).isEqualTo(n++);
            assertThat(step.get("effect").get("id").stringValue())
                    .as("each step's effect is the last cause")
                    .isEqualTo(effect);
            effect = step.get("cause").get("id").stringValue();
            assertThat(step.get("basis").stringValue()).isIn("asserted", "inferred");
            assertThat(step.get("citations")).as(step.toString()).isNotEmpty();
            assertThat(step.get("rationale").stringValue()).isNotBlank();
            assertThat(step.get("evidence")).isNotEmpty();
            if (step.get("basis").stringValue().equals("asserted")) {
                assertThat(step.get("confidence").asDouble()).isEqualTo(1.0);
                assertThat(step.get("evidence")
                                .valueStream()
                                .anyMatch(e -> e.get("basis").stringValue().equals("asserted")))
                        .isTrue();
            }
        }
        // The first link: Sentry's release is the commit the deployment shipped, a minute before the errors.
        JsonNode first = why.get("steps").get(0);
        assertThat(first.get("basis").stringValue()).isEqualTo("asserted");
        assertThat(first.get("rationale").stringValue())
                .contains("release cc604c183676")
                .contains("10:04");
        assertThat(first.get("evidence").valueStream().map(e -> e.get("basis").stringValue()))
                .contains("asserted", "inferred");
        // Starting from the Sentry alert's event gives the same chain.
        String alert = get("/v1/entities/" + incident + "/timeline")
                .get("events")
                .valueStream()
                .filter(e -> e.get("type").stringValue().equals("sentry.event_alert.triggered"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .stringValue();
        assertThat(chain(get("/v1/why/" + alert))).isEqualTo(chain(why));
        // As of the Sentry issue alone, before the alert named its release, the link to the deployment
        // could only be inferred from service, environment and time; the alert makes it asserted.
        long created = get("/v1/entities/" + incident + "/timeline")
                .get("events")
                .valueStream()
                .filter(e -> e.get("type").stringValue().equals("sentry.issue.created"))
                .findFirst()
                .orElseThrow()
                .get("seq")
                .asLong();
        JsonNode then =
                get("/v1/why/" + incident + "?asOf=" + created).get("steps").get(0);
        assertThat(then.get("cause").get("label").stringValue()).isEqualTo("dashboard-7jydn2r0e-ledgerloop.vercel.app");
        assertThat(then.get("basis").stringValue()).isEqualTo("inferred");
        assertThat(then.get("confidence").asDouble()).isBetween(0.4, 0.9);
        assertThat(then.get("rationale").stringValue()).contains("inferred from service, environment and time");
    }

    @Test
    void an_inferred_link_is_marked_so_with_its_evidence_and_never_passes_as_asserted_in_an_answer() throws Exception {
        // Sentry names release payments-api@2.13.1; the deployment shipped tag v2.13.1: matched by name only.
        JsonNode why = get("/v1/why/" + id("incident", "sentry:issue/6021458811"));
        JsonNode first = why.get("steps").get(0);
        assertThat(first.get("cause").get("kind").stringValue()).isEqualTo("deployment");
        assertThat(first.get("basis").stringValue()).isEqualTo("inferred");
        assertThat(first.get("confidence").asDouble()).isLessThan(1.0);
        assertThat(first.get("evidence").valueStream().map(e -> e.get("basis").stringValue()))
                .contains("inferred");
        assertThat(first.get("rationale").stringValue())
                .contains("payments-api@2.13.1")
                .contains("v2.13.1");
        JsonNode answer = post("/v1/answer", Map.of("question", "What caused PAYMENTS-API-2K?"));
        assertThat(answer.get("why").get("steps").get(0).get("basis").stringValue())
                .isEqualTo("inferred");
        String inferredCause = first.get("cause").get("id").stringValue();
        // The inferred link may be walked in the answer's path, but only marked as inferred.
        answer.get("path")
                .valueStream()
                .filter(p -> p.get("relation").stringValue().equals("caused")
                        && p.get("from").get("id").stringValue().equals(inferredCause))
                .forEach(p -> {
                    assertThat(p.get("basis").stringValue())
                            .as("an inferred link in the path says so: " + p)
                            .isEqualTo("inferred");
                    assertThat(p.get("confidence").asDouble()).isLessThan(1.0);
                });
        answer.get("path")
                .valueStream()
                .filter(p -> !p.has("basis") || p.get("basis").stringValue().equals("asserted"))
                .forEach(p -> assertThat(p.get("relation").stringValue().equals("caused")
                                && p.get("from").get("id").stringValue().equals(inferredCause))
                        .as("an inferred link never passes as asserted: " + p)
                        .isFalse());
        assertThat(answer.get("summary").valueStream().map(s -> s.get("text").stringValue()))
                .anySatisfy(t -> assertThat(t).contains("[inferred, 90%]"));
    }

    @Test
    void what_caused_the_incident_after_tuesdays_deploy_is_answered_with_the_ordered_chain() throws Exception {
        JsonNode answer = post("/v1/answer", Map.of("question", "What caused the incident after Tuesday's deploy?"));
        assertThat(answer.get("understood").get("asks").stringValue()).isEqualTo("reason");
        assertThat(chain(answer.get("why")))
                .containsExactly("incident", "deployment", "commit", "pull_request", "issue", "decision");
        List<String> values = new ArrayList<>();
        answer.get("answer").forEach(v -> values.add(v.get("kind").stringValue()));
        assertThat(values).containsExactly("deployment", "commit", "pull_request", "issue", "decision");
        assertThat(answer.get("summary").get(0).get("text").stringValue())
                .startsWith("Why DASHBOARD-4F: DASHBOARD-4F ← deployment");
        answer.get("summary")
                .forEach(s -> assertThat(s.get("citations")).as(s.toString()).isNotEmpty());
    }

    @Test
    void the_linear_and_github_disagreement_about_eng_134_is_a_conflict_with_the_policys_verdict() throws Exception {
        JsonNode conflicts = get("/v1/conflicts");
        JsonNode eng134 = conflicts
                .get("conflicts")
                .valueStream()
                .filter(c -> c.get("entity").get("label").stringValue().equals("ENG-134"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no conflict about ENG-134 in " + conflicts));
        assertThat(eng134.get("attribute").stringValue()).isEqualTo("state");
        assertThat(eng134.get("claims").valueStream().map(c -> c.get("source").stringValue()))
                .containsExactlyInAnyOrder("github", "linear");
        JsonNode verdict = eng134.get("verdict");
        assertThat(verdict.get("value").stringValue()).isEqualTo("in_review");
        assertThat(verdict.get("winner").get("role").stringValue()).isEqualTo("fixing_change");
        assertThat(verdict.get("winner").get("via").get("label").stringValue()).isEqualTo("ledgerloop/dashboard#190");
        assertThat(verdict.get("losers").get(0).get("claim").get("stated").stringValue())
                .isEqualTo("Done");
        assertThat(verdict.get("rationale").stringValue())
                .isEqualTo("GitHub says the pull request that fixes it is still open (ledgerloop/dashboard#190,"
                        + " 2026-11-20 14:05); Linear says Done (ENG-134, 2026-11-20 16:45); policy for state: the code"
                        + " host (once a fixing change exists) wins, then the tool the thing lives in, then another"
                        + " tool's observation, so state is in_review.");
        assertThat(verdict.get("citations")).hasSizeGreaterThanOrEqualTo(2);
        // Newest first: no current conflict opened after this one.
        long opened = eng134.get("openedSeq").asLong();
        assertThat(conflicts
                        .get("conflicts")
                        .valueStream()
                        .mapToLong(c -> c.get("openedSeq").asLong())
                        .max()
                        .orElseThrow())
                .isEqualTo(opened);
        // Before Lena's Done, the two agreed: no conflict, and the truth was in_review all the same.
        String eng = id("issue", "linear:ENG-134");
        JsonNode before = get("/v1/truth/" + eng + "?attribute=state&asOf=" + (opened - 1))
                .get("truths")
                .get(0);
        assertThat(before.get("value").stringValue()).isEqualTo("in_review");
        assertThat(before.get("conflict").asBoolean()).isFalse();
        assertThat(get("/v1/conflicts?asOf=" + (opened - 1))
                        .get("conflicts")
                        .valueStream()
                        .map(c -> c.get("entity").get("label").stringValue()))
                .doesNotContain("ENG-134");
    }

    @Test
    void truth_as_of_a_point_is_what_was_believed_before_a_later_event_changed_it() throws Exception {
        String service =
                get("/v1/conflicts?attribute=production").get("conflicts").isEmpty()
                        ? dev.lightfast.core.graph.EntityIds.of("service", "service:dashboard")
                        : null;
        // What ran in the dashboard's production: Tuesday's deploy, then the rollback, then the fix forward.
        JsonNode tuesday = get("/v1/truth/" + service + "?attribute=production&asOf=2026-11-17T10:30:00Z")
                .get("truths")
                .get(0);
        assertThat(tuesday.get("value").stringValue()).startsWith("cc604c1");
        assertThat(tuesday.get("rationale").stringValue())
                .contains("Vercel")
                .contains("Sentry")
                .contains("agree");
        JsonNode rolledBack = get("/v1/truth/" + service + "?attribute=production&asOf=2026-11-17T11:00:00Z")
                .get("truths")
                .get(0);
        assertThat(rolledBack.get("value").stringValue()).startsWith("c5c51ec");
        assertThat(rolledBack.get("stated").stringValue()).contains("promoted");
        assertThat(get("/v1/truth/" + service + "?attribute=production")
                        .get("truths")
                        .get(0)
                        .get("value")
                        .stringValue())
                .doesNotStartWith("c5c51ec");
        // ENG-123's pull request: shipped by Vercel at 10:04, said to be rolled back at 11:10.
        String pr = id("pull_request", "github:ledgerloop/dashboard/pull/187");
        assertThat(get("/v1/truth/" + pr + "?attribute=shipped&asOf=2026-11-17T10:30:00Z")
                        .get("truths")
                        .get(0)
                        .get("value")
                        .stringValue())
                .isEqualTo("shipped");
        JsonNode now =
                get("/v1/truth/" + pr + "?attribute=shipped").get("truths").get(0);
        assertThat(now.get("value").stringValue()).isEqualTo("rolled_back");
        assertThat(now.get("rationale").stringValue())
                .contains("said \"rolled back\"")
                .contains("supersedes");
    }

    @Test
    void patterns_count_the_deployment_followed_by_the_incident_and_cite_it() throws Exception {
        JsonNode patterns = get("/v1/patterns?kind=deploy_then_incident&within=60");
        JsonNode dashboard = patterns.get("patterns")
                .valueStream()
                .filter(p -> p.get("area").stringValue().equals("dashboard")
                        && p.get("environment").stringValue().equals("production"))
                .findFirst()
                .orElseThrow();
        assertThat(dashboard.get("count").asInt()).isEqualTo(1);
        assertThat(dashboard.get("of").asInt()).isGreaterThan(1);
        assertThat(dashboard
                        .get("supporting")
                        .valueStream()
                        .map(c -> c.get("type").stringValue()))
                .contains("vercel.deployment.succeeded", "sentry.issue.created");
        assertThat(get("/v1/patterns")
                        .get("patterns")
                        .valueStream()
                        .map(p -> p.get("kind").stringValue()))
                .contains("deploy_then_incident", "repeated_incidents", "review_turnaround");
    }

    @Test
    void the_open_smoke_test_pull_request_gets_a_risk_score_with_cited_features() throws Exception {
        JsonNode risk = get("/v1/risk/" + id("pull_request", "github:ledgerloop/dashboard/pull/190"));
        assertThat(risk.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(risk.get("learnedFrom").asInt()).isGreaterThan(5);
        assertThat(risk.get("features").valueStream().map(f -> f.get("name").stringValue()))
                .containsExactly("area", "recent_incidents", "size", "author_history", "time");
        assertThat(risk.get("features").get(0).get("citations"))
                .as("the area's incident is cited")
                .isNotEmpty();
        assertThat(risk.get("summary").stringValue()).contains("ledgerloop/dashboard#190");
    }
}
