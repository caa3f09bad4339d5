package dev.lightfast.core.outbound;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A subscription's rate limit: at most {@code perSecond} messages a second, evenly spaced, with a
 * burst of up to one second's worth after a pause. Measured in real time, whatever clock dates the
 * attempts.
 */
final class Pacer {
    private final long intervalNanos;
    private final long burstNanos;
    private long next = System.nanoTime();

    Pacer(int perSecond) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.burstNanos = TimeUnit.SECONDS.toNanos(1);
    }

    /** Waits for this message's turn. */
    synchronized void pace() {
        long now = System.nanoTime();
        next = Math.max(next, now - burstNanos + intervalNanos);
        long wait = next - now;
        next += intervalNanos;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
