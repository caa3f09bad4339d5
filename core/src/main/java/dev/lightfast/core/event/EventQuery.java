package dev.lightfast.core.event;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;

/**
 * A read of the log: in causal order, or newest first when {@code before} is given.
 *
 * @param after only events with a greater {@code seq} (0 reads from the start)
 * @param type an exact type, or a prefix ending in {@code .*} such as {@code tool.pull_request.*}
 * @param from inclusive lower bound on {@code occurredAt}
 * @param to exclusive upper bound on {@code occurredAt}
 * @param before null for causal order; else only events with a smaller {@code seq}, newest first
 *     ({@link Long#MAX_VALUE} starts at the newest), and the page's {@code nextAfter} is the next
 *     page's {@code before}
 */
public record EventQuery(long after, int limit, String type, String source, Instant from, Instant to, Long before) {
    public static final int MAX_LIMIT = 1_000;

    public EventQuery {
        if (after < 0) {
            throw new InvalidInput("after must be a seq >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        EventTimes.check("from", from);
        EventTimes.check("to", to);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInput("from must be before to");
        }
        if (before != null && before < 1) {
            throw new InvalidInput("before must be a seq >= 1");
        }
    }

    /** A read in causal order. */
    public EventQuery(long after, int limit, String type, String source, Instant from, Instant to) {
        this(after, limit, type, source, from, to, null);
    }

    /** True for a newest-first read. */
    public boolean descending() {
        return before != null;
    }

    /** The same read, newest first, from just below {@code seq}. */
    public EventQuery before(long seq) {
        return new EventQuery(after, limit, type, source, from, to, seq);
    }

    public static EventQuery all(int limit) {
        return new EventQuery(0, limit, null, null, null, null);
    }

    public EventQuery after(long seq) {
        return new EventQuery(seq, limit, type, source, from, to, before);
    }

    public boolean typeIsPrefix() {
        return type != null && type.endsWith(".*");
    }

    /** The type prefix including the trailing dot, for a prefix query. */
    public String typePrefix() {
        return type.substring(0, type.length() - 1);
    }
}
