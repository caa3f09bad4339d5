package dev.lightfast.connectors.github;

import dev.lightfast.core.backfill.BackfillFailed;
import dev.lightfast.core.backfill.Sleeper;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * GET requests to GitHub's REST API as a well-behaved client: it stops before the primary limit
 * runs out ({@code x-ratelimit-remaining} 0: wait until {@code x-ratelimit-reset}), waits out a
 * secondary limit ({@code Retry-After}, or a minute when GitHub gives none, as its docs ask),
 * backs off on server errors, and fails for good on a refused token.
 */
final class GithubApi {
    record Response(JsonNode body, Optional<String> next) {}

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int ATTEMPTS = 8;
    private static final Duration SECONDARY_DEFAULT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    /**
     * What GitHub last said of each token's primary limit. Several jobs may read at once, each with
     * its own token (or two with one: then they share its limit, as GitHub counts it).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Limit> limits =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Retries of the calls made by this thread (each job reads on its own) since it last looked. */
    private final ThreadLocal<int[]> retries = ThreadLocal.withInitial(() -> new int[1]);

    private static final class Limit {
        long remaining = -1;
        Instant reset;
    }

    GithubApi(HttpClient http, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Calls that failed and were tried again since the last look. */
    int takeRetries() {
        int[] r = retries.get();
        int n = r[0];
        r[0] = 0;
        return n;
    }

    Response get(URI uri, String token) throws InterruptedException {
        Limit limit = limits.computeIfAbsent(token == null ? "" : fingerprint(token), k -> new Limit());
        for (int attempt = 1; ; attempt++) {
            Instant waitUntil = null;
            synchronized (limit) {
                if (limit.remaining == 0 && limit.reset != null && limit.reset.isAfter(clock.instant())) {
                    waitUntil = limit.reset;
                }
            }
            if (waitUntil != null) {
                sleeper.sleep(Duration.between(clock.instant(), waitUntil).plusMillis(250));
            }
            var b = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("User-Agent", "lightfast-backfill");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new BackfillFailed("GitHub could not be reached at " + uri.getHost() + ": " + e.getMessage());
                }
                retries.get()[0]++;
                sleeper.sleep(backoff(attempt));
                continue;
            }
            remember(limit, r);
            long remaining;
            Instant reset;
            synchronized (limit) {
                remaining = limit.remaining;
                reset = limit.reset;
            }
            int status = r.statusCode();
            if (status == 200) {
                return new Response(Json.MAPPER.readTree(r.body()), next(r));
            }
            if (status == 401) {
                throw new BackfillFailed("GitHub refused the token (401): it is wrong, expired or revoked");
            }
            var retryAfter = r.headers().firstValue("retry-after");
            boolean limited = status == 429
                    || (status == 403 && (retryAfter.isPresent() || remaining == 0 || mentionsLimit(r.body())));
            if (limited && attempt < ATTEMPTS) {
                retries.get()[0]++;
                if (retryAfter.isPresent()) {
                    sleeper.sleep(Duration.ofSeconds(parseSeconds(retryAfter.get())));
                } else if (remaining == 0 && reset != null) {
                    sleeper.sleep(Duration.between(clock.instant(), reset).plusMillis(250));
                } else {
                    sleeper.sleep(SECONDARY_DEFAULT);
                }
                continue;
            }
            if (status >= 500 && attempt < ATTEMPTS) {
                retries.get()[0]++;
                sleeper.sleep(backoff(attempt));
                continue;
            }
            throw new BackfillFailed("GitHub answered " + status + " to GET " + uri.getPath());
        }
    }

    /**
     * Learns the token's primary limit from {@code GET /rate_limit} (which GitHub does not count)
     * when nothing is known of it yet — a job resumed by a new process after a crash — so that its
     * first call does not go beyond a window already spent.
     */
    void learnLimit(String base, String token) throws InterruptedException {
        Limit limit = limits.computeIfAbsent(token == null ? "" : fingerprint(token), k -> new Limit());
        synchronized (limit) {
            if (limit.remaining >= 0) {
                return;
            }
        }
        var b = HttpRequest.newBuilder(URI.create(base + "/rate_limit"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "lightfast-backfill");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            var r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return; // the calls themselves will say what is wrong
            }
            JsonNode core = Json.MAPPER.readTree(r.body()).path("resources").path("core");
            if (core.has("remaining") && core.has("reset")) {
                synchronized (limit) {
                    limit.remaining = core.path("remaining").asLong();
                    limit.reset = Instant.ofEpochSecond(core.path("reset").asLong());
                }
            }
        } catch (IOException e) {
            // as above: the first real call retries and reports
        }
    }

    private void remember(Limit limit, HttpResponse<?> r) {
        synchronized (limit) {
            r.headers().firstValue("x-ratelimit-remaining").ifPresent(v -> limit.remaining = parseLong(v, -1));
            r.headers()
                    .firstValue("x-ratelimit-reset")
                    .ifPresent(v -> limit.reset =
                            Instant.ofEpochSecond(parseLong(v, clock.instant().getEpochSecond())));
        }
    }

    /** The limits are kept by a digest of the token, not the token itself. */
    private static String fingerprint(String token) {
        return java.util.HexFormat.of()
                .formatHex(dev.lightfast.core.event.IncomingDelivery.sha256(
                        token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static boolean mentionsLimit(byte[] body) {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .toLowerCase(java.util.Locale.ROOT)
                .contains("rate limit");
    }

    private static Optional<String> next(HttpResponse<?> r) {
        return r.headers().firstValue("link").flatMap(link -> {
            var m = NEXT.matcher(link);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(30_000, 250L << Math.min(attempt, 7)));
    }

    private static long parseSeconds(String v) {
        return Math.max(0, Math.min(3600, parseLong(v.strip(), 60)));
    }

    private static long parseLong(String v, long absent) {
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
