package dev.lightfast.emulators.github;

import dev.lightfast.emulators.EmulatorResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * GitHub's primary rate limit (so many requests per window, told in {@code x-ratelimit-*} headers
 * on every answer) and its secondary limit (a 403 with {@code Retry-After}), kept on a clock the
 * test controls. A request beyond the window's limit, or before a secondary limit's {@code
 * Retry-After} has passed, is a violation: answered as GitHub answers it, and recorded for the test
 * to fail on. Off, it counts and tells nothing.
 */
public final class GithubRateLimit {
    /** A request the client should not have made. */
    public record Violation(String path, Instant at, String why) {}

    private final Clock clock;
    private volatile boolean on;
    private int limit = 5_000;
    private Duration window = Duration.ofHours(1);
    private final TreeMap<Long, Integer> perWindow = new TreeMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private Instant secondaryUntil;
    private long requests;

    GithubRateLimit(Clock clock) {
        this.clock = clock;
    }

    /** Limits every later request to {@code limit} per {@code window} (whole seconds, aligned to the epoch). */
    public synchronized GithubRateLimit on(int limit, Duration window) {
        if (limit < 1 || window.toSeconds() < 1) {
            throw new IllegalArgumentException("a limit of at least one request per second or more");
        }
        this.limit = limit;
        this.window = Duration.ofSeconds(window.toSeconds());
        this.on = true;
        return this;
    }

    public synchronized void off() {
        on = false;
    }

    public synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Requests counted in each window, by the window's start. */
    public synchronized Map<Instant, Integer> perWindow() {
        var out = new TreeMap<Instant, Integer>();
        perWindow.forEach((k, v) -> out.put(Instant.ofEpochSecond(k * window.toSeconds()), v));
        return out;
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized int limit() {
        return limit;
    }

    synchronized void secondaryGiven(Duration retryAfter) {
        secondaryUntil = clock.instant().plus(retryAfter);
    }

    /** {@code GET /rate_limit}, which GitHub answers without counting it. */
    synchronized EmulatorResponse status() {
        var body = dev.lightfast.core.json.Json.MAPPER.createObjectNode();
        long w = index(clock.instant());
        int used = perWindow.getOrDefault(w, 0);
        var core = body.putObject("resources").putObject("core");
        core.put("limit", on ? limit : 5_000);
        core.put("used", used);
        core.put("remaining", on ? Math.max(0, limit - used) : 5_000);
        core.put("reset", (w + 1) * window.toSeconds());
        body.set("rate", core.deepCopy());
        return EmulatorResponse.json(200, body);
    }

    synchronized Optional<EmulatorResponse> admit(String path) {
        if (path.equals("/rate_limit")) {
            return Optional.of(status());
        }
        requests++;
        if (!on) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (secondaryUntil != null && now.isBefore(secondaryUntil)) {
            violations.add(
                    new Violation(path, now, "during a secondary limit's Retry-After (until " + secondaryUntil + ")"));
            long wait = Math.max(1, Duration.between(now, secondaryUntil).toSeconds());
            return Optional.of(GithubEmulator.error(
                            403,
                            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
                    .withHeader("Retry-After", Long.toString(wait)));
        }
        long w = index(now);
        int used = perWindow.merge(w, 1, Integer::sum);
        if (used > limit) {
            violations.add(new Violation(path, now, "request " + used + " of a window allowing " + limit));
            return Optional.of(GithubEmulator.error(
                    403,
                    "API rate limit exceeded for installation ID 1. If you reach out to GitHub Support for help,"
                            + " please include the request ID."));
        }
        return Optional.empty();
    }

    synchronized EmulatorResponse decorate(EmulatorResponse r) {
        if (!on) {
            return r;
        }
        long w = index(clock.instant());
        int used = perWindow.getOrDefault(w, 0);
        return r.withHeader("x-ratelimit-limit", Integer.toString(limit))
                .withHeader("x-ratelimit-remaining", Integer.toString(Math.max(0, limit - used)))
                .withHeader("x-ratelimit-used", Integer.toString(used))
                .withHeader("x-ratelimit-reset", Long.toString((w + 1) * window.toSeconds()))
                .withHeader("x-ratelimit-resource", "core");
    }

    private long index(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), window.toSeconds());
    }
}
