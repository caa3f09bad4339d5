package dev.lightfast.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The five rules a team writes first, in the contract's form, each judging a history built for it
 * from the tools' own payloads over real HTTP: each catches its violations and only those, and the
 * absence rule resolves when the late assignment arrives.
 */
class RulesEndToEndTest {
    /** The issue's own example, as written there. */
    static final Map<String, Object> REVIEWED_BEFORE_MERGE = Map.of(
            "name",
            "reviewed before merge",
            "severity",
            "high",
            "on",
            Map.of("type", "github.pull_request.merged", "if", "event.attributes.base_branch == 'main'"),
            "expect",
            Map.of(
                    "type", "github.pull_request_review.submitted",
                    "match",
                            "candidate.attributes.state == 'approved' && candidate.attributes.reviewer != "
                                    + "trigger.attributes.author && shares(candidate, trigger, 'pull_request')",
                    "within", "-P30D"));

    static final Map<String, Object> DEPLOYED_THROUGH_A_PULL_REQUEST = Map.of(
            "name", "production deploys ship merged pull requests",
            "severity", "high",
            "on", Map.of("type", "github.deployment.created", "if", "event.attributes.environment == 'production'"),
            "require", "events(subject(event, 'commit'), 'github.pull_request.merged').size() > 0");

    static final Map<String, Object> ASSIGNED_WITHIN_TWO_HOURS = Map.of(
            "name", "new production issues are assigned within 2 hours",
            "on",
                    Map.of(
                            "type", "sentry.event_alert.triggered",
                            "if", "event.attributes.environment == 'production'"),
            "expect",
                    Map.of(
                            "type", "sentry.issue.assigned",
                            "match", "shares(candidate, trigger, 'incident')",
                            "within", "PT2H"));

    static final Map<String, Object> DONE_HAS_A_MERGED_PULL_REQUEST = Map.of(
            "name",
            "done means a merged pull request",
            "on",
            Map.of(
                    "type", "linear.issue.state_changed",
                    "if", "event.attributes.to_state_type == 'completed'"),
            "require",
            "related(subject(event, 'issue'), 'mentions').exists(e, e.kind == 'pull_request' && "
                    + "e.attributes.state == 'merged')");

    static final Map<String, Object> NO_FRIDAY_EVENING_DEPLOYS = Map.of(
            "name", "no production deploys on Friday after 16:00",
            "severity", "medium",
            "on",
                    Map.of(
                            "type",
                            "github.deployment.created",
                            "if",
                            "event.attributes.environment == 'production' && "
                                    + "localTime(event.occurredAt, 'Europe/Berlin').weekday == 'Friday' && "
                                    + "localTime(event.occurredAt, 'Europe/Berlin').hour >= 16"));

    private static final Instant MONDAY = Instant.parse("2026-03-09T09:00:00Z");
    private static final String HEAD_10 = "a".repeat(40);
    private static final String MERGE_10 = "b".repeat(40);
    private static final String HEAD_11 = "c".repeat(40);
    private static final String MERGE_11 = "d".repeat(40);
    private static final String PUSHED_TO_MAIN = "e".repeat(40);

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Instant at(long hours) {
        return MONDAY.plus(Duration.ofHours(hours));
    }

    @Test
    void five_rules_each_catch_their_violations_and_only_those() {
        var team = new TeamHistory(server, "ledger");
        String reviewed = team.rule(REVIEWED_BEFORE_MERGE);
        String deployed = team.rule(DEPLOYED_THROUGH_A_PULL_REQUEST);
        String assigned = team.rule(ASSIGNED_WITHIN_TWO_HOURS);
        String done = team.rule(DONE_HAS_A_MERGED_PULL_REQUEST);
        String friday = team.rule(NO_FRIDAY_EVENING_DEPLOYS);

        // ENG-12 goes by the book: PR 10 reviewed by someone else, merged, then the issue is done.
        team.opened(10, "alice", "main", "ENG-12: round payouts to the cent", at(0), HEAD_10);
        team.review(10, "alice", "bob", "approved", at(1));
        String merged10 =
                team.merged(10, "alice", "main", "ENG-12: round payouts to the cent", at(2), HEAD_10, MERGE_10);
        String done12 = team.done("ENG-12", at(3));
        // ENG-13 is marked done with no pull request at all.
        String done13 = team.done("ENG-13", at(4));
        // ENG-14 is marked done while its pull request is still open; it merges (reviewed) an hour later.
        team.opened(11, "bob", "main", "ENG-14: retry failed payouts", at(24), HEAD_11);
        String done14 = team.done("ENG-14", at(25));
        team.review(11, "bob", "carol", "approved", at(25).plusSeconds(1800));
        String merged11 = team.merged(11, "bob", "main", "ENG-14: retry failed payouts", at(26), HEAD_11, MERGE_11);
        // Carol approves her own pull request; Dave's gets only a comment until after the merge; a merge into
        // develop is no business of the rule.
        team.review(20, "carol", "carol", "approved", at(27));
        String selfApproved = team.merged(20, "carol", "main", "tidy logs", at(28), "1".repeat(40), "2".repeat(40));
        team.review(21, "dave", "bob", "commented", at(29));
        String unreviewed = team.merged(21, "dave", "main", "bump deps", at(30), "3".repeat(40), "4".repeat(40));
        String lateApproval = team.review(21, "dave", "bob", "approved", at(31));
        team.merged(22, "dave", "develop", "experiment", at(32), "5".repeat(40), "6".repeat(40));
        // Deploys: PR 10's merge to production on Tuesday, a commit pushed straight to main on Wednesday, PR
        // 10's merge again on Friday at 14:00 and at 17:30 in Berlin, and staging on Friday evening.
        String tuesday = team.deployment(1, MERGE_10, "production", Instant.parse("2026-03-10T08:00:00Z"));
        String direct = team.deployment(2, PUSHED_TO_MAIN, "production", Instant.parse("2026-03-11T09:00:00Z"));
        String fridayAfternoon = team.deployment(3, MERGE_10, "production", Instant.parse("2026-03-13T13:00:00Z"));
        String fridayEvening = team.deployment(4, MERGE_10, "production", Instant.parse("2026-03-13T16:30:00Z"));
        team.deployment(5, PUSHED_TO_MAIN, "staging", Instant.parse("2026-03-13T16:45:00Z"));

        // Sentry: its assignment webhook carries no time but its arrival, so this part of the story is now.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String missed = team.alert("5001", "production", now.minus(Duration.ofHours(3)));
        team.alert("5002", "staging", now.minus(Duration.ofHours(3)));
        String met = team.alert("5003", "production", now.minus(Duration.ofHours(1)));
        server.awaitProjected(team.tenant);
        assertThat(team.verdicts(assigned))
                .as("no window has closed by the log's clock yet")
                .isEmpty();
        String assignedInTime = team.assigned("5003");
        server.awaitProjected(team.tenant);

        assertThat(team.verdicts(reviewed))
                .containsExactlyInAnyOrderEntriesOf(Map.of(selfApproved, "open", unreviewed, "resolved"));
        assertThat(team.verdicts(deployed)).containsExactlyInAnyOrderEntriesOf(Map.of(direct, "open"));
        assertThat(team.verdicts(done)).containsExactlyInAnyOrderEntriesOf(Map.of(done13, "open", done14, "resolved"));
        assertThat(team.verdicts(friday)).containsExactlyInAnyOrderEntriesOf(Map.of(fridayEvening, "open"));
        assertThat(team.verdicts(assigned)).containsExactlyInAnyOrderEntriesOf(Map.of(missed, "open"));
        var triggers = new java.util.HashSet<String>();
        server.get("/v1/violations?limit=500", team.key())
                .get("violations")
                .forEach(v -> triggers.add(v.get("trigger").get("eventId").stringValue()));
        assertThat(triggers).hasSize(7);
        assertThat(triggers)
                .as("events every rule let pass")
                .doesNotContainAnyElementsOf(List.of(merged10, merged11, done12, tuesday, fridayAfternoon, met));

        // The absence: opened when the log's clock (the next event's time) passed the window, cited.
        JsonNode absence = team.violations(assigned).getFirst();
        assertThat(absence.get("openedSeq").asLong()).isEqualTo(seqOf(team, assignedInTime));
        assertThat(absence.get("window").get("type").stringValue()).isEqualTo("sentry.issue.assigned");
        assertThat(Instant.parse(absence.get("window").get("to").stringValue()))
                .isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(absence.get("rule").get("version").asInt()).isEqualTo(1);

        // ... and resolved by the late assignment.
        String late = team.assigned("5001");
        server.awaitProjected(team.tenant);
        JsonNode resolved = team.violations(assigned).getFirst();
        assertThat(resolved.get("status").stringValue()).isEqualTo("resolved");
        assertThat(resolved.get("resolvedBy").get("eventId").stringValue()).isEqualTo(late);
        assertThat(resolved.get("citations").toString()).contains(missed).contains(late);

        // What each violation cites: the unreviewed merge cites the comment the rule looked at and the late
        // approval that resolved it; ENG-14 was resolved by the merge of the pull request it looked at.
        JsonNode unreviewedViolation = team.violations(reviewed).stream()
                .filter(v -> v.get("trigger").get("eventId").stringValue().equals(unreviewed))
                .findFirst()
                .orElseThrow();
        assertThat(unreviewedViolation.get("resolvedBy").get("eventId").stringValue())
                .isEqualTo(lateApproval);
        assertThat(unreviewedViolation.get("window").get("searched").asInt()).isPositive();
        assertThat(unreviewedViolation.get("trigger").get("url").stringValue()).contains("/pull/21");
        JsonNode eng14 = team.violations(done).stream()
                .filter(v -> v.get("trigger").get("eventId").stringValue().equals(done14))
                .findFirst()
                .orElseThrow();
        assertThat(eng14.get("resolvedBy").get("eventId").stringValue()).isEqualTo(merged11);
        assertThat(eng14.get("evidence").toString()).contains("mentions");

        // Filters: open ones only, and those about one entity.
        var open =
                server.get("/v1/violations?status=open&limit=100", team.key()).get("violations");
        assertThat(open).hasSize(4);
        open.forEach(v -> assertThat(v.get("status").stringValue()).isEqualTo("open"));
        String pr20 = dev.lightfast.core.graph.EntityIds.of("pull_request", "github:" + TeamHistory.REPO + "/pull/20");
        var aboutPr20 = server.get("/v1/violations?entity=" + pr20, team.key()).get("violations");
        assertThat(aboutPr20)
                .singleElement()
                .satisfies(v -> assertThat(v.get("trigger").get("eventId").stringValue())
                        .isEqualTo(selfApproved));

        // Each rule says what it found.
        var rule = server.get("/v1/rules/" + reviewed, team.key());
        assertThat(rule.get("stats").get("open").asInt()).isEqualTo(1);
        assertThat(rule.get("stats").get("resolved").asInt()).isEqualTo(1);
        assertThat(rule.get("versions")).hasSize(1);
        var projections = server.get("/v1/projections", team.key());
        assertThat(projections.get("projections").toString()).contains("\"rules\"");
    }

    private long seqOf(TeamHistory team, String eventId) {
        return server.get("/v1/events/" + eventId, team.key()).get("seq").asLong();
    }

    @Test
    void a_rule_that_does_not_compile_is_refused_with_the_error_and_where_it_is() {
        var team = new TeamHistory(server, "acme");
        var reply = server.post(
                "/v1/rules",
                team.key(),
                Map.of("name", "typo", "on", Map.of("type", "github.push", "if", "event.atributes.ref == 'main'")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.get("error").get("code").stringValue()).isEqualTo("invalid_rule");
        assertThat(reply.get("error").get("field").stringValue()).isEqualTo("on.if");
        assertThat(reply.get("error").get("line").asInt()).isEqualTo(1);
        assertThat(reply.get("error").get("column").asInt()).isEqualTo(6);
        assertThat(reply.get("error").get("message").stringValue()).contains("atributes");

        var unknownField = server.post(
                "/v1/rules", team.key(), Map.of("name", "x", "on", Map.of("type", "a.b"), "requier", "true"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.get("error").get("message").stringValue()).contains("requier");
        assertThat(server.get("/v1/rules", team.key()).get("rules")).isEmpty();
        assertThat(server.get("/v1/events?type=rules.rule.*", team.key()).get("events"))
                .as("nothing written")
                .isEmpty();
        // Rule events are written by /v1/rules only.
        var forged = server.post(
                "/v1/events",
                team.key(),
                Map.of(
                        "source",
                        "rules",
                        "type",
                        "rules.rule.created",
                        "title",
                        "a rule",
                        "occurredAt",
                        "2026-03-01T00:00:00Z"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.get("error").get("message").stringValue()).contains("/v1/rules");
    }

    @Test
    void a_rule_failing_at_run_time_records_errors_and_the_log_goes_on() {
        var team = new TeamHistory(server, "acme");
        String strict = team.rule(Map.of(
                "name",
                "labels",
                "on",
                Map.of("type", "github.deployment.created", "if", "event.attributes.label == 'x'")));
        String fine =
                team.rule(Map.of("name", "every production deploy", "on", Map.of("type", "github.deployment.created")));
        String first = team.deployment(1, MERGE_10, "production", at(1));
        team.deployment(2, MERGE_10, "production", at(2));
        server.awaitProjected(team.tenant);

        var rule = server.get("/v1/rules/" + strict, team.key());
        assertThat(rule.get("stats").get("errors").asInt()).isEqualTo(2);
        assertThat(rule.get("errors")).hasSize(2);
        assertThat(rule.get("errors").get(1).get("eventId").stringValue()).isEqualTo(first);
        assertThat(rule.get("errors").get(0).get("part").stringValue()).isEqualTo("on.if");
        assertThat(rule.get("errors").get(0).get("message").stringValue()).contains("label");
        assertThat(team.verdicts(fine)).hasSize(2);
        assertThat(server.get("/v1/events?type=github.deployment.created", team.key())
                        .get("events"))
                .hasSize(2);
    }

    @Test
    void changing_and_disabling_make_new_versions_and_violations_cite_the_version_that_judged() {
        var team = new TeamHistory(server, "acme");
        String id = team.rule(Map.of("name", "any deploy", "on", Map.of("type", "github.deployment.created")));
        String first = team.deployment(1, MERGE_10, "production", at(1));
        var changed =
                server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/rules/" + id))
                        .header("Authorization", "Bearer " + team.key())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"production deploys\",\"on\":{\"type\":\"github.deployment.created\","
                                        + "\"if\":\"event.attributes.environment == 'production'\"}}"))
                        .build());
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.get("version").asInt()).isEqualTo(2);
        team.deployment(2, MERGE_10, "staging", at(2));
        String third = team.deployment(3, MERGE_10, "production", at(3));
        var disabled =
                server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/rules/" + id))
                        .header("Authorization", "Bearer " + team.key())
                        .DELETE()
                        .build());
        assertThat(disabled.get("status").stringValue()).isEqualTo("disabled");
        assertThat(disabled.get("version").asInt()).isEqualTo(3);
        team.deployment(4, MERGE_10, "production", at(4));
        server.awaitProjected(team.tenant);

        var byVersion = new java.util.LinkedHashMap<String, Integer>();
        team.violations(id)
                .forEach(v -> byVersion.put(
                        v.get("trigger").get("eventId").stringValue(),
                        v.get("rule").get("version").asInt()));
        assertThat(byVersion).containsExactlyInAnyOrderEntriesOf(Map.of(first, 1, third, 2));
        var rule = server.get("/v1/rules/" + id, team.key());
        assertThat(rule.get("versions"))
                .extracting(v -> v.get("status").stringValue())
                .containsExactly("active", "active", "disabled");
        assertThat(server.get("/v1/events?type=rules.rule.*", team.key()).get("events"))
                .hasSize(3);
    }
}
