package dev.lightfast.server.auth;

import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's sign-ins: an API key, presented once, exchanged for a session the browser holds as an
 * {@code HttpOnly} cookie, so that no script in the page ever holds the key. Each session has a
 * CSRF token bound to it that the console's script sends in a header on every change: the cookie
 * alone authorizes reads only (and {@code SameSite=Strict} already keeps other sites' requests from
 * carrying it).
 *
 * <p>Kept in this process's memory, keyed by a hash of the cookie's value (a heap dump holds no
 * usable session): a restart signs everyone out, and behind several processes the console needs
 * sticky sessions. Sessions end after {@link #IDLE} without use or {@link #LIFETIME} after sign-in,
 * and a tenant keeps at most {@link #PER_TENANT}: signing in once more ends its oldest.
 */
public final class ConsoleSessions {
    public static final Duration IDLE = Duration.ofHours(8);
    public static final Duration LIFETIME = Duration.ofHours(24);
    public static final int PER_TENANT = 50;
    /** The header the console's script sends its CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Methods that change nothing: the cookie alone is enough for them. */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byHash = new HashMap<>();

    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A signed-in session as the console's script sees it; the cookie value only at sign-in. */
    public record Started(String cookie, View view) {}

    /** What the console's script may know of its session (never the key, never the cookie). */
    public record View(Caller caller, String csrfToken, Instant expiresAt) {
        public TenantId tenant() {
            return caller.tenant();
        }
    }

    private record Session(Caller caller, String csrfToken, Instant started, Instant lastUsed) {
        TenantId tenant() {
            return caller.tenant();
        }

        Instant expiresAt() {
            Instant idle = lastUsed.plus(IDLE);
            Instant end = started.plus(LIFETIME);
            return idle.isBefore(end) ? idle : end;
        }
    }

    /**
     * Signs a key's holder in (the key already checked): the session acts with that key's scopes, and
     * the audit trail names that key.
     */
    public synchronized Started start(Caller caller) {
        TenantId tenant = caller.tenant();
        Instant now = clock.instant();
        sweep(now);
        var mine = new ArrayList<Map.Entry<String, Session>>();
        for (var entry : byHash.entrySet()) {
            if (entry.getValue().tenant().equals(tenant)) {
                mine.add(entry);
            }
        }
        if (mine.size() >= PER_TENANT) {
            mine.sort(Comparator.comparing(e -> e.getValue().started()));
            for (int i = 0; i <= mine.size() - PER_TENANT; i++) {
                byHash.remove(mine.get(i).getKey());
            }
        }
        String cookie = token();
        var session = new Session(caller, token(), now, now);
        byHash.put(hash(cookie), session);
        return new Started(cookie, view(session));
    }

    /** The session a cookie names, if it is still open; used, so its idle time starts again. */
    public synchronized Optional<View> find(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        String key = hash(cookie);
        Session session = byHash.get(key);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (!now.isBefore(session.expiresAt())) {
            byHash.remove(key);
            return Optional.empty();
        }
        var used = new Session(session.caller(), session.csrfToken(), session.started(), now);
        byHash.put(key, used);
        return Optional.of(view(used));
    }

    /**
     * The tenant a request with this cookie acts for: 401 without an open session, 403 when it would
     * change something without the session's CSRF token.
     */
    public TenantId authorize(String cookie, String method, String csrfToken) {
        return authorizeCaller(cookie, method, csrfToken).tenant();
    }

    /** As {@link #authorize}, with the key the session was opened with and its scopes. */
    public Caller authorizeCaller(String cookie, String method, String csrfToken) {
        View view =
                find(cookie).orElseThrow(() -> ApiError.unauthorized("the console session has ended; sign in again"));
        if (!SAFE.contains(method.toUpperCase(java.util.Locale.ROOT)) && !matches(view.csrfToken(), csrfToken)) {
            throw ApiError.forbidden(
                    "a change made with the console's session needs its CSRF token in the " + CSRF_HEADER + " header");
        }
        return view.caller();
    }

    /** Signs out; the cookie names nothing from now on. */
    public synchronized void end(String cookie) {
        if (cookie != null) {
            byHash.remove(hash(cookie));
        }
    }

    /** Open sessions of a tenant (for tests and metrics). */
    public synchronized int open(TenantId tenant) {
        sweep(clock.instant());
        return (int)
                byHash.values().stream().filter(s -> s.tenant().equals(tenant)).count();
    }

    private void sweep(Instant now) {
        byHash.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }

    private static View view(Session s) {
        return new View(s.caller(), s.csrfToken(), s.expiresAt());
    }

    private static boolean matches(String expected, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String cookie) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
