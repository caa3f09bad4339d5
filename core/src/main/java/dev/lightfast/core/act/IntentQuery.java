package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A read of a tenant's intents, newest proposal first.
 *
 * @param states only intents in one of these states; empty for all
 * @param before a position from a previous page ({@link IntentPage#next}), or null to start
 */
public record IntentQuery(Set<IntentState> states, Position before, int limit) {
    public static final int MAX_LIMIT = 200;

    /** Where a page ended: the proposal's time, then the id, both descending. */
    public record Position(Instant proposedAt, String id) {}

    public IntentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    public static IntentQuery all(int limit) {
        return new IntentQuery(Set.of(), null, limit);
    }
}
