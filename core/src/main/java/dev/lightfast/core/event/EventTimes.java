package dev.lightfast.core.event;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;

/**
 * The times an event, a filter or an {@code asOf} may name: years 0001 to 9999, UTC. Every store
 * and index keeps a time as microseconds or milliseconds in a 64-bit number, which would overflow
 * a little before year 294,000; the ISO-8601 years of four digits are the range people and tools
 * actually write, and every store holds them exactly.
 */
public final class EventTimes {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** The range as people read it, for messages and documentation. */
    public static final String RANGE = "0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";

    private EventTimes() {}

    public static boolean contains(Instant t) {
        return t != null && !t.isBefore(MIN) && !t.isAfter(MAX);
    }

    /**
     * @param what the field or parameter, as the caller named it ({@code occurredAt}, {@code from})
     * @return {@code t}, when it is null or within the range
     * @throws InvalidInput naming the field and the range otherwise
     */
    public static Instant check(String what, Instant t) {
        if (t != null && !contains(t)) {
            throw new InvalidInput(what + " " + t + " is outside the range of times kept (" + RANGE + ")");
        }
        return t;
    }
}
