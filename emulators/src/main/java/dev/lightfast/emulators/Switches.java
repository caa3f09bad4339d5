package dev.lightfast.emulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The failure switches of one emulator. A switch fails the API calls numbered {@code
 * [nthCall, nthCall + times)}, counted from when it was set (1 = the next call); with no {@code
 * nthCall} it starts with the next call; with no {@code times} it fails once when {@code nthCall}
 * is given and every call until {@link #clear()} otherwise. Thread-safe.
 */
public final class Switches {
    /** One switched-on failure. */
    public record Failure(FailureMode mode, int fromCall, int times, Duration retryAfter, Duration slowFor) {}

    private record Rule(Failure failure, long setAt) {}

    private final List<Rule> rules = new ArrayList<>();
    private long calls;

    public synchronized void fail(FailureMode mode) {
        fail(mode, null, null, null, null);
    }

    public synchronized void fail(
            FailureMode mode, Integer times, Integer nthCall, Integer retryAfterSeconds, Integer slowMillis) {
        int from = nthCall == null ? 1 : nthCall;
        int count = times != null ? times : nthCall != null ? 1 : Integer.MAX_VALUE;
        if (from < 1 || count < 1) {
            throw new IllegalArgumentException("nthCall and times must be at least 1");
        }
        rules.add(new Rule(
                new Failure(
                        mode,
                        from,
                        count,
                        Duration.ofSeconds(retryAfterSeconds == null ? 1 : retryAfterSeconds),
                        Duration.ofMillis(slowMillis == null ? 2_000 : slowMillis)),
                calls));
    }

    /** Counts one API call and says how it must fail, if a switch covers it. */
    synchronized Optional<Failure> next() {
        calls++;
        for (Rule r : rules) {
            long n = calls - r.setAt();
            if (n >= r.failure().fromCall()
                    && n < (long) r.failure().fromCall() + r.failure().times()) {
                return Optional.of(r.failure());
            }
        }
        return Optional.empty();
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<Failure> active() {
        return rules.stream().map(Rule::failure).toList();
    }
}
