package dev.lightfast.core.rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What judging a batch of the log changed, written in one transaction with the checkpoint moving
 * from {@code fromSeq} to {@code toSeq}. {@code logTime} is the latest event time seen up to {@code
 * toSeq}, kept so that judging resumes on the same clock.
 *
 * @param opened new violations
 * @param resolved violations that a later event resolved, in their resolved form
 * @param pendingAdded expectations now waiting for their event
 * @param pendingRemoved the violation ids of expectations met, turned into violations, or dropped
 * @param errors run-time failures to keep (a sample when a rule fails on many events)
 * @param errorCounts every failure counted, by rule id
 */
public record RuleDelta(
        long fromSeq,
        long toSeq,
        Instant logTime,
        List<Violation> opened,
        List<Violation> resolved,
        List<PendingExpectation> pendingAdded,
        List<String> pendingRemoved,
        List<RuleError> errors,
        Map<String, Long> errorCounts) {

    public RuleDelta {
        if (toSeq < fromSeq) {
            throw new IllegalArgumentException("a delta moves the checkpoint forward: " + fromSeq + " -> " + toSeq);
        }
        opened = List.copyOf(opened);
        resolved = List.copyOf(resolved);
        pendingAdded = List.copyOf(pendingAdded);
        pendingRemoved = List.copyOf(pendingRemoved);
        errors = List.copyOf(errors);
        errorCounts = Map.copyOf(errorCounts);
    }
}
