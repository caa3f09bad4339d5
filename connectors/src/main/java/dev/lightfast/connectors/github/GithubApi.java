package dev.lightfast.connectors.github;

import dev.lightfast.core.backfill.BackfillFailed;
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
    /** What the calls wait with; tests give one that records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    record Response(JsonNode body, Optional<String> next) {}

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int ATTEMPTS = 8;
    private static final Duration SECONDARY_DEFAULT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private int retries;
    private long remaining = -1;
    private Instant reset;

    GithubApi(HttpClient http, Sleeper sleeper, Clock clock) {
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Calls that failed and were tried again since the last look. */
    int takeRetries() {
        int r = retries;
        retries = 0;
        return r;
    }

    Response get(URI uri, String token) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (remaining == 0 && reset != null && reset.isAfter(clock.instant())) {
                sleeper.sleep(Duration.between(clock.instant(), reset).plusMillis(250));
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
                retries++;
                sleeper.sleep(backoff(attempt));
                continue;
            }
            remember(r);
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
                retries++;
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
                retries++;
                sleeper.sleep(backoff(attempt));
                continue;
            }
            throw new BackfillFailed("GitHub answered " + status + " to GET " + uri.getPath());
        }
    }

    private void remember(HttpResponse<?> r) {
        r.headers().firstValue("x-ratelimit-remaining").ifPresent(v -> remaining = parseLong(v, -1));
        r.headers()
                .firstValue("x-ratelimit-reset")
                .ifPresent(v -> reset =
                        Instant.ofEpochSecond(parseLong(v, clock.instant().getEpochSecond())));
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
