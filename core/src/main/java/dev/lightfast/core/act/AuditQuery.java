package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;

/** A page of the audit trail: after a position, optionally one actor's, optionally within a time range. */
public record AuditQuery(long after, int limit, String actor, Instant from, Instant to) {
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw new InvalidInput("after must not be negative");
        }
    }
}
