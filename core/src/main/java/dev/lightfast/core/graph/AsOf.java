package dev.lightfast.core.graph;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EventTimes;
import java.time.Instant;

/**
 * A point in the past to read at: a {@code seq} of the tenant's log (what we knew then) or a time
 * in the world (what was true then). {@link #NOW} reads everything.
 */
public record AsOf(Long seq, Instant time) {
    public static final AsOf NOW = new AsOf(null, null);

    public AsOf {
        if (seq != null && seq < 0) {
            throw new InvalidInput("asOf seq must be >= 0");
        }
        EventTimes.check("asOf", time);
    }

    public static AsOf seq(long seq) {
        return new AsOf(seq, null);
    }

    public static AsOf time(Instant time) {
        return new AsOf(null, time);
    }

    /**
     * Parses the {@code asOf} query parameter: digits are a seq, anything else an ISO-8601 instant.
     *
     * @throws InvalidInput with a message a person can act on
     */
    public static AsOf parse(String value) {
        if (value == null || value.isBlank()) {
            return NOW;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return seq(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new InvalidInput("asOf seq is too large: " + value);
            }
        }
        try {
            return time(Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput(
                    "asOf must be a seq (digits) or an ISO-8601 instant such as 2026-11-20T12:00:00Z, got: " + value);
        }
    }

    public boolean isNow() {
        return seq == null && time == null;
    }

    /** Whether something learned at {@code recordedSeq} and true from {@code validFrom} is visible. */
    public boolean sees(long recordedSeq, Instant validFrom) {
        return (seq == null || recordedSeq <= seq) && (time == null || !validFrom.isAfter(time));
    }
}
