package dev.lightfast.core.claim;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.AsOf;

/**
 * A read of conflicts, newest first: those open at the reading point (now, or {@code asOf}), only
 * about one entity or attribute when given, after a cursor.
 *
 * @param before only conflicts opened before this position (a page's last), null for the first page
 */
public record ConflictQuery(String entityId, String attribute, AsOf asOf, Position before, int limit) {
    public static final int MAX_LIMIT = 200;

    /** A conflict's place in the newest-first order. */
    public record Position(long openedSeq, String entityId, String attribute) {}

    public ConflictQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        asOf = asOf == null ? AsOf.NOW : asOf;
    }
}
