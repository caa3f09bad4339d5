package dev.lightfast.core.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How far one long piece of work is: units done of a total (when known), the rate since it began and
 * the time left at that rate. A rebuild of a million events with embeddings takes about an hour, so
 * whoever started it should see it move. Safe to advance from several threads.
 */
public final class Progress {
    private final String what;
    private final String unit;
    private final AtomicLong total;
    private final AtomicLong done = new AtomicLong();
    private final LongSupplier nanoClock;
    private final long startNanos;

    /**
     * @param what what is being done, e.g. "rebuild acme: graph"
     * @param unit what is counted, plural, e.g. "events"
     * @param total how many there are, or -1 when unknown
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public Progress(String what, String unit, long total, LongSupplier nanoClock) {
        this.what = what;
        this.unit = unit;
        this.total = new AtomicLong(total);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    public Progress(String what, String unit, long total) {
        this(what, unit, total, System::nanoTime);
    }

    public void advance(long n) {
        done.addAndGet(n);
    }

    /** The total grew while the work went on (new events arrived during a catch-up). */
    public void total(long newTotal) {
        total.set(newTotal);
    }

    public long done() {
        return done.get();
    }

    public long total() {
        return total.get();
    }

    public String what() {
        return what;
    }

    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    /** Units per second since the start; 0 before any time has passed. */
    public double rate() {
        long nanos = nanoClock.getAsLong() - startNanos;
        return nanos <= 0 ? 0 : done.get() * 1e9 / nanos;
    }

    /** The time left at the rate so far, when the total is known and something was done. */
    public Duration left() {
        long t = total.get();
        double rate = rate();
        if (t < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(Math.max(0, t - done.get()) / rate));
    }

    /** One line for a person: "rebuild acme: graph: 12,000 of 564,000 events (2.1%), 1,830 events/s, 4 min 56 s left". */
    public String line() {
        long d = done.get();
        long t = total.get();
        var sb = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d", d));
        if (t >= 0) {
            sb.append(String.format(
                    Locale.ROOT, " of %,d %s (%.1f%%)", t, unit, t == 0 ? 100.0 : Math.min(100.0, 100.0 * d / t)));
        } else {
            sb.append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate(), unit));
        Duration left = left();
        if (left != null && d < t) {
            sb.append(", ").append(human(left)).append(" left");
        }
        return sb.toString();
    }

    /** The closing line: how much in how long. */
    public String doneLine() {
        return String.format(
                Locale.ROOT, "%s: %,d %s in %s (%,.0f %s/s)", what, done.get(), unit, human(elapsed()), rate(), unit);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 10_000 && s < 10
                    ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                    : s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
    }
}
