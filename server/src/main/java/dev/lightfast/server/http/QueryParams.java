package dev.lightfast.server.http;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EventTimes;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way on every route, with a 400 that names the parameter. */
public final class QueryParams {
    private QueryParams() {}

    public static String text(Context ctx, String name) {
        String s = ctx.queryParam(name);
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static long whole(Context ctx, String name, long absent) {
        String v = text(ctx, name);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number; got '" + v + "'");
        }
    }

    public static int bounded(Context ctx, String name, int absent, int min, int max) {
        long v = whole(ctx, name, absent);
        if (v < min || v > max) {
            throw ApiError.badRequest(name + " must be between " + min + " and " + max + "; got " + v);
        }
        return (int) v;
    }

    public static Instant instant(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(
                    name + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z; got '" + v + "'");
        }
        try {
            return EventTimes.check(name, t);
        } catch (InvalidInput e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
