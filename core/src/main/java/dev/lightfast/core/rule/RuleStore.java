package dev.lightfast.core.rule;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What judging the log has derived for each tenant: violations, expectations still waiting, rule
 * errors, and the checkpoint with the log's time at it. Derived state like the graph: {@link
 * #reset} and a replay of the log derive it again, the same. Every method is scoped by tenant.
 *
 * <p>The rules themselves are not here: they are events in the log ({@link RuleEvents}).
 */
public interface RuleStore {

    /** Where judging stands: the last seq judged (0 for none) and the log's time there (null for none). */
    record Checkpoint(long seq, Instant logTime) {
        public static final Checkpoint START = new Checkpoint(0, null);
    }

    Checkpoint checkpoint(TenantId tenant);

    /**
     * Writes a batch's verdicts and moves the checkpoint to {@code delta.toSeq()}, in one
     * transaction, if the checkpoint is still {@code delta.fromSeq()}. Answers false and writes
     * nothing when it moved meanwhile or another process is writing this tenant's verdicts right now
     * (on a store several servers share): the caller reads the state again and judges from there.
     */
    boolean apply(TenantId tenant, RuleDelta delta);

    /** Expectations waiting for their event, oldest trigger first. */
    List<PendingExpectation> pending(TenantId tenant);

    /** Open violations that a later event may still resolve, oldest verdict first. */
    List<Violation> resolvable(TenantId tenant);

    Optional<Violation> violation(TenantId tenant, String id);

    ViolationPage violations(TenantId tenant, ViolationQuery query);

    /** The most recent run-time errors of a rule, newest first. */
    List<RuleError> errors(TenantId tenant, String ruleId, int limit);

    /** What each rule has found, by rule id; rules with nothing yet are absent. */
    Map<String, RuleStats> stats(TenantId tenant);

    /** Forgets everything judged for the tenant, so the next catch-up judges from seq 1. */
    void reset(TenantId tenant);
}
