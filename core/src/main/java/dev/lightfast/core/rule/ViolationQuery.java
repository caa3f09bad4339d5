package dev.lightfast.core.rule;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;

/**
 * A read of a tenant's violations, newest verdict first.
 *
 * @param ruleId only this rule's, or null
 * @param status only open or only resolved ones, or null for both
 * @param entityId only those about this entity, or null
 * @param from inclusive lower bound on the trigger event's time
 * @param to exclusive upper bound on the trigger event's time
 * @param before a position from a previous page ({@link ViolationPage#next}), or null to start
 */
public record ViolationQuery(
        String ruleId, Violation.Status status, String entityId, Instant from, Instant to, Position before, int limit) {
    public static final int MAX_LIMIT = 500;

    /** Where a page ended: the verdict's seq, then the id, both descending. */
    public record Position(long openedSeq, String id) {}

    public ViolationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInput("from must be before to");
        }
    }

    public static ViolationQuery all(int limit) {
        return new ViolationQuery(null, null, null, null, null, null, limit);
    }
}
