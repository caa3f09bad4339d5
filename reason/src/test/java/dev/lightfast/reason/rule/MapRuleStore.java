package dev.lightfast.reason.rule;

import dev.lightfast.core.rule.PendingExpectation;
import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.RuleError;
import dev.lightfast.core.rule.RuleStats;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.ViolationPage;
import dev.lightfast.core.rule.ViolationQuery;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule verdicts in maps, for the evaluator's unit tests (one tenant): what {@code RuleStoreContract}
 * holds the SQLite and PostgreSQL stores to, kept as simple as it can be.
 */
final class MapRuleStore implements RuleStore {
    private Checkpoint checkpoint = Checkpoint.START;
    final Map<String, Violation> violations = new LinkedHashMap<>();
    private final Map<String, PendingExpectation> pending = new LinkedHashMap<>();
    final List<RuleError> errors = new ArrayList<>();

    @Override
    public Checkpoint checkpoint(TenantId tenant) {
        return checkpoint;
    }

    @Override
    public boolean apply(TenantId tenant, RuleDelta delta) {
        if (delta.fromSeq() != checkpoint.seq()) {
            return false;
        }
        delta.opened().forEach(v -> violations.put(v.id(), v));
        delta.resolved().forEach(v -> violations.put(v.id(), v));
        delta.pendingRemoved().forEach(pending::remove);
        delta.pendingAdded().forEach(p -> pending.put(p.violationId(), p));
        errors.addAll(delta.errors());
        checkpoint = new Checkpoint(delta.toSeq(), delta.logTime());
        return true;
    }

    @Override
    public List<PendingExpectation> pending(TenantId tenant) {
        return pending.values().stream()
                .sorted(Comparator.comparingLong(PendingExpectation::triggerSeq))
                .toList();
    }

    @Override
    public List<Violation> resolvable(TenantId tenant) {
        return violations.values().stream()
                .filter(v -> v.open() && v.resolvable())
                .sorted(Comparator.comparingLong(Violation::openedSeq))
                .toList();
    }

    @Override
    public Optional<Violation> violation(TenantId tenant, String id) {
        return Optional.ofNullable(violations.get(id));
    }

    @Override
    public ViolationPage violations(TenantId tenant, ViolationQuery query) {
        return new ViolationPage(List.copyOf(violations.values()), null);
    }

    @Override
    public List<RuleError> errors(TenantId tenant, String ruleId, int limit) {
        return errors.stream()
                .filter(e -> e.ruleId().equals(ruleId))
                .limit(limit)
                .toList();
    }

    @Override
    public Map<String, RuleStats> stats(TenantId tenant) {
        return Map.of();
    }

    @Override
    public void reset(TenantId tenant) {
        checkpoint = Checkpoint.START;
        violations.clear();
        pending.clear();
        errors.clear();
    }
}
