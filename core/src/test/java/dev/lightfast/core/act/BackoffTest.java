package dev.lightfast.core.act;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(2));

    @Test
    void waits_stay_within_the_doubling_bound_and_the_cap() {
        var random = new SplittableRandom(42);
        for (int attempt = 1; attempt < 5; attempt++) {
            long bound = Math.min(30_000, 1_000L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                var wait = backoff.next(attempt, Duration.ZERO, null, random).orElseThrow();
                assertThat(wait.toMillis()).isBetween(0L, bound);
            }
        }
    }

    @Test
    void retry_after_is_the_least_wait() {
        var wait = backoff.next(1, Duration.ZERO, Duration.ofSeconds(7), new SplittableRandom(1));
        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void it_gives_up_after_the_attempts_or_the_total_time() {
        assertThat(backoff.next(5, Duration.ZERO, null, new SplittableRandom(1)))
                .isEmpty();
        assertThat(backoff.next(1, Duration.ofMinutes(2), Duration.ofSeconds(1), new SplittableRandom(1)))
                .isEmpty();
    }
}
