package dev.lightfast.core.act;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a retryable call again: exponential from {@code base}, doubled per attempt up to
 * {@code maxDelay}, with full jitter (a random wait up to that bound, so many servers retrying the
 * same tool do not knock together); a tool's {@code Retry-After} is honoured as the least wait.
 * Gives up after {@code maxAttempts} or when the next wait would pass {@code maxTotal}.
 */
public record Backoff(Duration base, Duration maxDelay, int maxAttempts, Duration maxTotal) {
    public static final Backoff DEFAULT =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 6, Duration.ofMinutes(5));

    public Backoff {
        if (maxAttempts < 1 || base.isNegative() || maxDelay.compareTo(base) < 0) {
            throw new IllegalArgumentException("a backoff needs attempts and base <= maxDelay");
        }
    }

    /**
     * The wait before attempt {@code attempt + 1} after attempt {@code attempt} (from 1) was
     * retryable, or empty to give up.
     *
     * @param elapsed time spent on this call so far
     * @param retryAfter the tool's Retry-After, or null
     */
    public Optional<Duration> next(int attempt, Duration elapsed, Duration retryAfter, RandomGenerator random) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long boundMs = Math.min(maxDelay.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
        long wait = boundMs <= 0 ? 0 : random.nextLong(boundMs + 1);
        if (retryAfter != null && !retryAfter.isNegative()) {
            // The tool said when; waiting less only earns another 429.
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), maxTotal.toMillis()));
        }
        Duration d = Duration.ofMillis(wait);
        if (elapsed.plus(d).compareTo(maxTotal) > 0) {
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
