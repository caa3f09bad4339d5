package dev.lightfast.server.http;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The console's session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no
 * other site's page sends it), {@code Secure} with the {@code __Host-} prefix when the console is
 * reached over HTTPS (then no plain-HTTP page and no other host can set or read it).
 */
public final class SessionCookie {
    static final String NAME = "lf_console";
    static final String SECURE_NAME = "__Host-lf_console";

    private SessionCookie() {}

    /** The session named by the request's cookie, or null. */
    public static String read(Context ctx) {
        String secure = ctx.cookie(SECURE_NAME);
        return secure != null ? secure : ctx.cookie(NAME);
    }

    /** True when the request carries a console cookie at all. */
    public static boolean present(Context ctx) {
        return read(ctx) != null;
    }

    public static void set(Context ctx, String value, Duration maxAge, boolean secure) {
        ctx.res().addHeader("Set-Cookie", header(value, maxAge.toSeconds(), secure));
    }

    public static void clear(Context ctx, boolean secure) {
        ctx.res().addHeader("Set-Cookie", header("", 0, secure));
    }

    static String header(String value, long maxAgeSeconds, boolean secure) {
        return (secure ? SECURE_NAME : NAME) + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /**
     * Whether the browser reached us over HTTPS: the request's own scheme, the proxy's
     * {@code X-Forwarded-Proto}, or a public URL that says so.
     */
    public static boolean secure(Context ctx, String publicUrl) {
        return "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))
                || (publicUrl != null && publicUrl.regionMatches(true, 0, "https://", 0, 8));
    }
}
