package dev.lightfast.server.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleError;
import dev.lightfast.core.rule.RuleSpec;
import dev.lightfast.core.rule.RuleStats;
import java.time.Instant;
import java.util.List;

/**
 * A rule as the API shows it: its current version, what it has found so far, and on a single read
 * its versions and latest run-time errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RuleView(
        String id,
        int version,
        String status,
        RuleSpec rule,
        long seq,
        String eventId,
        Instant changedAt,
        RuleStats stats,
        List<Version> versions,
        List<RuleError> errors) {

    /** One version: where in the log it took effect and the event that recorded it. */
    record Version(int version, String status, long seq, String eventId, Instant changedAt) {}

    static RuleView of(Rule r, RuleStats stats) {
        return new RuleView(
                r.id(),
                r.version(),
                r.status().wire(),
                r.spec(),
                r.seq(),
                r.eventId(),
                r.recordedAt(),
                stats == null ? RuleStats.NONE : stats,
                null,
                null);
    }

    RuleView withHistory(List<Rule> all, List<RuleError> recent) {
        return new RuleView(
                id,
                version,
                status,
                rule,
                seq,
                eventId,
                changedAt,
                stats,
                all.stream()
                        .map(r -> new Version(r.version(), r.status().wire(), r.seq(), r.eventId(), r.recordedAt()))
                        .toList(),
                recent);
    }
}
