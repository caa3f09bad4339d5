package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one delivery attempt ended. Everything but {@link #DELIVERED} is retried on the schedule. */
public enum AttemptOutcome {
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** It answered something else (3xx included: redirects are not followed). */
    REJECTED,
    /** No answer in time. */
    TIMEOUT,
    /** No connection: refused, reset, unknown host, TLS failure. */
    UNREACHABLE,
    /** The URL resolved to an address webhooks may not go to (loopback, private, link-local, metadata). */
    REFUSED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttemptOutcome of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
