package dev.lightfast.emulators;

import java.util.Locale;

/** What a switched-on failure makes the emulator answer instead of doing the call. */
public enum FailureMode {
    /** 401 in the tool's error shape, as for an expired or revoked token. */
    EXPIRED_TOKEN,
    /** 429 with {@code Retry-After}. */
    RATE_LIMIT,
    /** A secondary (abuse) limit: on GitHub a 403 with {@code Retry-After}; elsewhere as {@link #RATE_LIMIT}. */
    SECONDARY_RATE_LIMIT,
    /** 500. */
    SERVER_ERROR,
    /** The answer comes late (after the client's timeout); the call is still done, as a slow tool does it. */
    SLOW;

    public static FailureMode parse(String wire) {
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "mode must be one of expired_token, rate_limit, secondary_rate_limit, server_error, slow; got '"
                            + wire + "'");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
