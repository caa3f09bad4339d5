package dev.lightfast.core.backfill;

import java.time.Duration;

/**
 * How a reader waits out a rate limit or a back-off: {@code Thread::sleep} in production; in tests
 * a clock moved forward, so an hour's wait takes no time.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = Thread::sleep;

    void sleep(Duration d) throws InterruptedException;
}
