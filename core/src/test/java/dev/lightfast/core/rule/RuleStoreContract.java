package dev.lightfast.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RuleStore} must do: verdicts written with their checkpoint only from the
 * checkpoint they were judged from, read back alike (filters, newest first, cursor paging), waiting
 * expectations and resolvable violations for resuming, errors sampled and counted, rebuild, and
 * tenant isolation. Each store's test extends this with a fresh, empty store per test.
 */
public abstract class RuleStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** An empty store, the same instance for the whole test method. */
    protected abstract RuleStore rules();

    private static Violation violation(String rule, long seq, boolean resolvable, String... entities) {
        var trigger =
                new Citation("ev" + seq, seq, "github.pull_request.merged", "https://x/" + seq, T0.plusSeconds(seq));
        return new Violation(
                Violation.idFor(rule, "ev" + seq),
                new Violation.RuleRef(rule, 1, "rule " + rule, Severity.HIGH),
                resolvable ? "expect" : "forbid",
                Violation.Status.OPEN,
                "no review",
                trigger,
                seq,
                T0.plusSeconds(seq),
                resolvable ? new Window("github.pull_request_review.submitted", T0, T0.plusSeconds(seq), 2) : null,
                List.of(Evidence.event("looked at", new Citation("ev0", 0, "x.y", null, T0))),
                List.of(entities),
                null,
                null,
                null,
                null,
                resolvable);
    }

    private static RuleDelta delta(long from, long to, List<Violation> opened, List<Violation> resolved) {
        return new RuleDelta(from, to, T0.plusSeconds(to), opened, resolved, List.of(), List.of(), List.of(), Map.of());
    }

    @Test
    public void verdicts_are_written_with_the_checkpoint_only_from_the_checkpoint_they_were_judged_from() {
        assertThat(rules().checkpoint(ACME)).isEqualTo(RuleStore.Checkpoint.START);
        var v = violation("r1", 3, true, "ent_a");
        assertThat(rules().apply(ACME, delta(0, 5, List.of(v), List.of()))).isTrue();
        assertThat(rules().checkpoint(ACME)).isEqualTo(new RuleStore.Checkpoint(5, T0.plusSeconds(5)));
        assertThat(rules().violation(ACME, v.id())).contains(v);

        // Judged from a checkpoint that has moved on: refused, nothing written.
        var stale = violation("r1", 4, true);
        assertThat(rules().apply(ACME, delta(0, 6, List.of(stale), List.of()))).isFalse();
        assertThat(rules().violation(ACME, stale.id())).isEmpty();
        assertThat(rules().checkpoint(ACME).seq()).isEqualTo(5);
    }

    @Test
    public void a_resolution_changes_the_violation_and_it_is_no_longer_resolvable() {
        var v = violation("r1", 3, true);
        rules().apply(ACME, delta(0, 3, List.of(v), List.of()));
        assertThat(rules().resolvable(ACME)).containsExactly(v);
        var done = v.resolved(new Citation("ev9", 9, "x.y", null, T0.plusSeconds(9)), T0.plusSeconds(9), "late");
        rules().apply(ACME, delta(3, 9, List.of(), List.of(done)));
        assertThat(rules().violation(ACME, v.id())).contains(done);
        assertThat(rules().resolvable(ACME)).isEmpty();
        assertThat(rules().stats(ACME)).containsEntry("r1", new RuleStats(0, 1, 0));
    }

    @Test
    public void waiting_expectations_are_kept_until_met_or_turned_into_violations() {
        var p1 = new PendingExpectation("vio_1", "r1", 1, "ev1", 1, T0, T0.plusSeconds(7200));
        var p2 = new PendingExpectation("vio_2", "r1", 2, "ev2", 2, T0, T0.plusSeconds(3600));
        rules().apply(
                        ACME,
                        new RuleDelta(0, 2, T0, List.of(), List.of(), List.of(p1, p2), List.of(), List.of(), Map.of()));
        assertThat(rules().pending(ACME)).containsExactly(p1, p2);
        rules().apply(
                        ACME,
                        new RuleDelta(
                                2, 3, T0, List.of(), List.of(), List.of(), List.of("vio_1"), List.of(), Map.of()));
        assertThat(rules().pending(ACME)).containsExactly(p2);
    }

    @Test
    public void violations_read_newest_first_with_filters_and_a_cursor() {
        var all = new ArrayList<Violation>();
        for (int i = 1; i <= 7; i++) {
            all.add(violation(i % 2 == 0 ? "even" : "odd", i, i % 3 != 0, "ent_" + (i % 2)));
        }
        rules().apply(ACME, delta(0, 7, all, List.of()));
        var seen = new ArrayList<Violation>();
        ViolationQuery.Position next = null;
        do {
            var page = rules().violations(ACME, new ViolationQuery(null, null, null, null, null, next, 3));
            assertThat(page.violations()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.violations());
            next = page.next();
        } while (next != null);
        assertThat(seen).extracting(Violation::openedSeq).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);

        assertThat(rules().violations(ACME, new ViolationQuery("even", null, null, null, null, null, 10))
                        .violations())
                .extracting(Violation::openedSeq)
                .containsExactly(6L, 4L, 2L);
        assertThat(rules().violations(ACME, new ViolationQuery(null, null, "ent_1", null, null, null, 10))
                        .violations())
                .extracting(Violation::openedSeq)
                .containsExactly(7L, 5L, 3L, 1L);
        assertThat(rules().violations(
                                ACME,
                                new ViolationQuery(null, null, null, T0.plusSeconds(2), T0.plusSeconds(5), null, 10))
                        .violations())
                .extracting(Violation::openedSeq)
                .containsExactly(4L, 3L, 2L);
        var done = all.getFirst().resolved(new Citation("ev9", 9, "x.y", null, T0), T0, "late");
        rules().apply(ACME, delta(7, 9, List.of(), List.of(done)));
        assertThat(rules().violations(
                                ACME, new ViolationQuery(null, Violation.Status.RESOLVED, null, null, null, null, 10))
                        .violations())
                .containsExactly(done);
        assertThat(rules().violations(ACME, new ViolationQuery(null, Violation.Status.OPEN, null, null, null, null, 10))
                        .violations())
                .hasSize(6);
    }

    @Test
    public void errors_are_counted_all_and_the_latest_kept() {
        for (int batch = 0; batch < 8; batch++) {
            var errors = new ArrayList<RuleError>();
            for (int i = 0; i < 10; i++) {
                long seq = batch * 10L + i + 1;
                errors.add(new RuleError("r1", 1, "on.if", "ev" + seq, seq, T0.plusSeconds(seq), "no such key: label"));
            }
            rules().apply(
                            ACME,
                            new RuleDelta(
                                    batch * 10L,
                                    batch * 10L + 10,
                                    T0,
                                    List.of(),
                                    List.of(),
                                    List.of(),
                                    List.of(),
                                    errors,
                                    Map.of("r1", 12L)));
        }
        assertThat(rules().stats(ACME).get("r1").errors()).isEqualTo(96);
        var latest = rules().errors(ACME, "r1", 100);
        assertThat(latest).hasSizeBetween(50, 59);
        assertThat(latest.getFirst().seq()).isEqualTo(80);
        assertThat(rules().errors(ACME, "r2", 10)).isEmpty();
    }

    @Test
    public void a_reset_forgets_the_tenants_verdicts_and_no_other_tenants() {
        rules().apply(ACME, delta(0, 3, List.of(violation("r1", 3, true)), List.of()));
        rules().apply(GLOBEX, delta(0, 4, List.of(violation("r1", 4, true)), List.of()));
        rules().reset(ACME);
        assertThat(rules().checkpoint(ACME)).isEqualTo(RuleStore.Checkpoint.START);
        assertThat(rules().violations(ACME, ViolationQuery.all(10)).violations())
                .isEmpty();
        assertThat(rules().violations(GLOBEX, ViolationQuery.all(10)).violations())
                .hasSize(1);
        assertThat(rules().checkpoint(GLOBEX).seq()).isEqualTo(4);
    }

    @Test
    public void one_tenant_never_reads_anothers_verdicts() {
        var v = violation("r1", 3, true, "ent_a");
        rules().apply(ACME, delta(0, 3, List.of(v), List.of()));
        rules().apply(
                        ACME,
                        new RuleDelta(
                                3,
                                4,
                                T0,
                                List.of(),
                                List.of(),
                                List.of(new PendingExpectation("vio_p", "r1", 1, "ev4", 4, T0, T0)),
                                List.of(),
                                List.of(new RuleError("r1", 1, "require", "ev4", 4, T0, "boom")),
                                Map.of("r1", 1L)));
        assertThat(rules().violation(GLOBEX, v.id())).isEmpty();
        assertThat(rules().violations(GLOBEX, ViolationQuery.all(10)).violations())
                .isEmpty();
        assertThat(rules().resolvable(GLOBEX)).isEmpty();
        assertThat(rules().pending(GLOBEX)).isEmpty();
        assertThat(rules().errors(GLOBEX, "r1", 10)).isEmpty();
        assertThat(rules().stats(GLOBEX)).isEmpty();
        assertThat(rules().checkpoint(GLOBEX)).isEqualTo(RuleStore.Checkpoint.START);
        // The other tenant judges from its own start.
        assertThat(rules().apply(GLOBEX, delta(0, 1, List.of(), List.of()))).isTrue();
    }
}
