package dev.lightfast.reason.rule;

import static dev.lightfast.reason.rule.ListEventLog.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleEvents;
import dev.lightfast.core.rule.RuleSpec;
import dev.lightfast.core.rule.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z"); // a Monday
    private static final RuleCompiler COMPILER = new RuleCompiler();

    private final ListEventLog log = new ListEventLog();
    private final MapRuleStore store = new MapRuleStore();

    private static final String REVIEWED_BEFORE_MERGE = """
            {"name": "reviewed before merge", "severity": "high",
             "on": {"type": "github.pull_request.merged", "if": "event.attributes.base_branch == 'main'"},
             "expect": {"type": "github.pull_request_review.submitted",
                        "match": "candidate.attributes.state == 'approved' && candidate.attributes.reviewer != trigger.attributes.author && shares(candidate, trigger, 'pull_request')",
                        "within": "-P30D"}}""";

    private static final String ASSIGNED_WITHIN_TWO_HOURS = """
            {"name": "assigned within 2 hours",
             "on": {"type": "sentry.issue.created"},
             "expect": {"type": "sentry.issue.assigned", "match": "shares(candidate, trigger, 'incident')", "within": "PT2H"}}""";

    private static EntityRef pr(int n) {
        return EntityRef.of("pull_request", "github:o/r/pull/" + n, "o/r#" + n);
    }

    private static EntityRef incident(int n) {
        return EntityRef.of("incident", "sentry:issue/" + n, "SHOP-" + n);
    }

    private Rule rule(String id, String json) {
        return version(RuleEvents.CREATED, id, 1, json);
    }

    private Rule version(String type, String id, int version, String json) {
        RuleSpec spec = Json.MAPPER.readValue(json, RuleSpec.class);
        Event e = log.add(RuleEvents.draft(type, id, version, spec, T0));
        return RuleEvents.read(e).orElseThrow();
    }

    private Event merged(int n, Instant at, String author) {
        return log.add(
                "github.pull_request.merged", at, Map.of("base_branch", "main", "author", author, "number", n), pr(n));
    }

    private Event review(int n, Instant at, String state, String reviewer) {
        return log.add(
                "github.pull_request_review.submitted",
                at,
                Map.of("state", state, "reviewer", reviewer, "number", n),
                pr(n));
    }

    /** Judges the whole log in batches of {@code batch}, resuming from the store between batches. */
    private List<Violation> judge(int batch) {
        var projection = new RuleProjection(log, null, store, COMPILER, EventEntities.SUBJECTS, batch);
        while (projection.catchUp(TENANT) > 0) {
            // until the log is judged
        }
        assertThat(store.checkpoint(TENANT).seq()).isEqualTo(log.lastSeq(TENANT));
        return store.violations.values().stream()
                .sorted(Comparator.comparing((Violation v) -> v.trigger().seq()))
                .toList();
    }

    @Test
    void a_merge_without_an_approval_by_someone_else_before_it_is_a_violation_until_a_late_approval() {
        rule("rul_review", REVIEWED_BEFORE_MERGE);
        review(1, T0.plusSeconds(60), "approved", "bob");
        var ok = merged(1, T0.plusSeconds(120), "alice");
        review(2, T0.plusSeconds(180), "approved", "carol"); // self-approval
        var selfApproved = merged(2, T0.plusSeconds(240), "carol");
        review(3, T0.plusSeconds(250), "changes_requested", "bob");
        var unreviewed = merged(3, T0.plusSeconds(300), "dave");
        var late = review(3, T0.plusSeconds(400), "approved", "bob");
        log.add("github.pull_request.merged", T0.plusSeconds(500), Map.of("base_branch", "dev", "author", "x"), pr(4));

        var found = judge(500);

        assertThat(found).extracting(v -> v.trigger().eventId()).containsExactly(selfApproved.id(), unreviewed.id());
        assertThat(found).extracting(v -> v.trigger().eventId()).doesNotContain(ok.id());
        Violation self = found.get(0);
        assertThat(self.status()).isEqualTo(Violation.Status.OPEN);
        assertThat(self.rule().name()).isEqualTo("reviewed before merge");
        assertThat(self.rule().version()).isEqualTo(1);
        assertThat(self.window().from()).isEqualTo(selfApproved.occurredAt().minus(Duration.ofDays(30)));
        assertThat(self.window().to()).isEqualTo(selfApproved.occurredAt());
        assertThat(self.window().searched()).isEqualTo(2);
        assertThat(self.evidence()).isNotEmpty();
        Violation resolved = found.get(1);
        assertThat(resolved.status()).isEqualTo(Violation.Status.RESOLVED);
        assertThat(resolved.resolvedBy().eventId()).isEqualTo(late.id());
        // Every review in the 30 days before was looked at and did not match: each is cited.
        assertThat(resolved.evidence())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.citation().type()).isEqualTo("github.pull_request_review.submitted"));
        assertThat(resolved.citations()).extracting(c -> c.eventId()).contains(unreviewed.id(), late.id());
    }

    @Test
    void an_absence_is_judged_when_the_logs_clock_passes_the_window_and_resolved_by_a_late_event() {
        rule("rul_assign", ASSIGNED_WITHIN_TWO_HOURS);
        var met = log.add("sentry.issue.created", T0, Map.of(), incident(1));
        log.add("sentry.issue.assigned", T0.plus(Duration.ofMinutes(30)), Map.of(), incident(1));
        var missed = log.add("sentry.issue.created", T0.plus(Duration.ofMinutes(40)), Map.of(), incident(2));
        var clock = log.add("github.push", T0.plus(Duration.ofHours(3)), Map.of());
        var waiting = log.add("sentry.issue.created", T0.plus(Duration.ofHours(3)), Map.of(), incident(3));

        var found = judge(2);

        assertThat(found).hasSize(1);
        Violation v = found.getFirst();
        assertThat(v.trigger().eventId()).isEqualTo(missed.id());
        assertThat(v.openedSeq()).isEqualTo(clock.seq());
        assertThat(v.openedAt()).isEqualTo(clock.occurredAt());
        assertThat(v.window().to()).isEqualTo(missed.occurredAt().plus(Duration.ofHours(2)));
        assertThat(v.status()).isEqualTo(Violation.Status.OPEN);
        assertThat(found).extracting(x -> x.trigger().eventId()).doesNotContain(met.id(), waiting.id());
        assertThat(store.pending(TENANT))
                .singleElement()
                .satisfies(p -> assertThat(p.triggerEventId()).isEqualTo(waiting.id()));

        var late = log.add("sentry.issue.assigned", T0.plus(Duration.ofHours(4)), Map.of(), incident(2));
        var after = judge(2);
        assertThat(after).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Violation.Status.RESOLVED);
            assertThat(r.resolvedBy().eventId()).isEqualTo(late.id());
            assertThat(r.resolution()).contains("after the window");
        });
    }

    @Test
    void judging_in_small_batches_with_the_state_read_back_each_time_reaches_the_same_verdicts() {
        rule("rul_review", REVIEWED_BEFORE_MERGE);
        rule("rul_assign", ASSIGNED_WITHIN_TWO_HOURS);
        for (int i = 0; i < 30; i++) {
            Instant at = T0.plus(Duration.ofMinutes(45L * i));
            if (i % 3 == 0) {
                review(i, at.minusSeconds(10), i % 2 == 0 ? "approved" : "commented", "bob");
            }
            merged(i, at, "alice");
            log.add("sentry.issue.created", at, Map.of(), incident(i));
            if (i % 4 == 0) {
                log.add("sentry.issue.assigned", at.plus(Duration.ofMinutes(30L * (i % 8))), Map.of(), incident(i));
            }
        }
        var oneGo = judge(1_000);
        var fresh = new MapRuleStore();
        var projection = new RuleProjection(log, null, fresh, COMPILER, EventEntities.SUBJECTS, 3);
        while (projection.catchUp(TENANT) > 0) {
            // a new projection each time would do the same; this one keeps its evaluator between batches
        }
        var byThrees = fresh.violations.values().stream()
                .sorted(Comparator.comparing((Violation v) -> v.trigger().seq()))
                .toList();
        assertThat(oneGo).isNotEmpty();
        assertThat(byThrees).isEqualTo(oneGo);

        store.reset(TENANT);
        var resumedEachBatch = new MapRuleStore();
        while (new RuleProjection(log, null, resumedEachBatch, COMPILER, EventEntities.SUBJECTS, 4).catchUp(TENANT)
                > 0) {
            // every batch judged by a new projection, from the store's state
        }
        assertThat(resumedEachBatch.violations.values().stream()
                        .sorted(Comparator.comparing(
                                (Violation v) -> v.trigger().seq()))
                        .toList())
                .isEqualTo(oneGo);
    }

    @Test
    void a_forbidden_event_is_a_violation_on_the_teams_clock() {
        rule("rul_friday", """
                {"name": "no Friday evening deploys",
                 "on": {"type": "*.deployment.*",
                        "if": "event.attributes.environment == 'production' && localTime(event.occurredAt, 'Europe/Berlin').weekday == 'Friday' && localTime(event.occurredAt, 'Europe/Berlin').hour >= 16"}}""");
        log.add(
                "github.deployment.created",
                Instant.parse("2026-03-06T14:30:00Z"),
                Map.of("environment", "production"));
        var late = log.add(
                "vercel.deployment.succeeded",
                Instant.parse("2026-03-06T15:30:00Z"),
                Map.of("environment", "production"));
        log.add("github.deployment.created", Instant.parse("2026-03-06T17:30:00Z"), Map.of("environment", "staging"));
        log.add(
                "github.deployment.created",
                Instant.parse("2026-03-07T15:30:00Z"),
                Map.of("environment", "production"));

        var found = judge(500);

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.trigger().eventId()).isEqualTo(late.id());
            assertThat(v.kind()).isEqualTo("forbid");
            assertThat(v.resolvable()).isFalse();
        });
    }

    @Test
    void a_rule_that_fails_on_an_event_records_the_error_and_judging_goes_on() {
        rule("rul_strict", """
                {"name": "needs a label", "on": {"type": "github.issues.opened", "if": "event.attributes.label == 'bug'"}}""");
        rule("rul_ok", """
                {"name": "any issue", "on": {"type": "github.issues.opened"}}""");
        var missing = log.add("github.issues.opened", T0, Map.of());
        var labelled = log.add("github.issues.opened", T0.plusSeconds(1), Map.of("label", "bug"));

        var found = judge(500);

        assertThat(found)
                .extracting(v -> v.rule().id() + " " + v.trigger().eventId())
                .containsExactly("rul_ok " + missing.id(), "rul_strict " + labelled.id(), "rul_ok " + labelled.id());
        assertThat(store.errors).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo("rul_strict");
            assertThat(e.part()).isEqualTo("on.if");
            assertThat(e.eventId()).isEqualTo(missing.id());
            assertThat(e.message()).contains("label");
        });
    }

    @Test
    void a_rule_judges_from_its_version_on_and_stops_when_disabled() {
        var before = log.add("github.issues.opened", T0, Map.of());
        rule("rul_any", """
                {"name": "any issue", "on": {"type": "github.issues.opened"}}""");
        var first = log.add("github.issues.opened", T0.plusSeconds(1), Map.of());
        version(RuleEvents.CHANGED, "rul_any", 2, """
                {"name": "any issue, renamed", "severity": "low", "on": {"type": "github.issues.opened"}}""");
        var second = log.add("github.issues.opened", T0.plusSeconds(2), Map.of());
        version(RuleEvents.DISABLED, "rul_any", 3, """
                {"name": "any issue, renamed", "on": {"type": "github.issues.opened"}}""");
        log.add("github.issues.opened", T0.plusSeconds(3), Map.of());

        var found = judge(500);

        assertThat(found)
                .extracting(v -> v.trigger().eventId() + " v" + v.rule().version())
                .containsExactly(first.id() + " v1", second.id() + " v2");
        assertThat(found).extracting(v -> v.trigger().eventId()).doesNotContain(before.id());
    }

    @Test
    void a_dry_run_over_the_history_finds_what_the_live_rule_found() {
        Rule review = rule("rul_review", REVIEWED_BEFORE_MERGE);
        Rule assign = rule("rul_assign", ASSIGNED_WITHIN_TWO_HOURS);
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plus(Duration.ofMinutes(50L * i));
            if (i % 3 == 0) {
                review(i, at.minusSeconds(10), "approved", "bob");
            }
            merged(i, at, "alice");
            log.add("sentry.issue.created", at, Map.of(), incident(i));
            if (i % 4 == 0) {
                log.add("sentry.issue.assigned", at.plus(Duration.ofMinutes(40L * (i % 8))), Map.of(), incident(i));
            }
        }
        var live = judge(7);
        var dry = new DryRun(log, null, COMPILER, EventEntities.SUBJECTS);
        for (Rule r : List.of(review, assign)) {
            var result = dry.run(TENANT, r, null, null, 100);
            assertThat(result.first())
                    .isEqualTo(live.stream()
                            .filter(v -> v.rule().id().equals(r.id()))
                            .sorted(Comparator.comparing((Violation v) -> v.openedSeq()))
                            .toList());
            assertThat(result.violations()).isPositive();
            assertThat(result.eventsRead()).isEqualTo(log.lastSeq(TENANT));
        }
    }
}
