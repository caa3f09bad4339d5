package dev.lightfast.core.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a message is tried: Svix's schedule, the first attempt at once, then 5 seconds, 5 minutes,
 * 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours after each failure (eight attempts over about
 * 27.5 hours); after the eighth failure the message has failed. A 429 answer's {@code Retry-After}
 * is honoured: the next attempt comes when it says (at most the schedule's longest step) instead
 * of at the schedule's next step.
 */
public record RetrySchedule(List<Duration> delays) {
    public static final RetrySchedule SVIX = new RetrySchedule(List.of(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a schedule has at least one attempt");
        }
    }

    public int attempts() {
        return delays.size();
    }

    /**
     * How long after the {@code failed}-th failed attempt the next one comes; empty when that was the
     * last.
     *
     * @param retryAfter what a 429 answer's {@code Retry-After} asked for, or null
     */
    public Optional<Duration> afterFailure(int failed, Duration retryAfter) {
        if (failed >= delays.size()) {
            return Optional.empty();
        }
        if (retryAfter != null) {
            Duration longest = delays.stream().max(Duration::compareTo).orElseThrow();
            return Optional.of(retryAfter.isNegative() ? Duration.ZERO : min(retryAfter, longest));
        }
        return Optional.of(delays.get(failed));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
