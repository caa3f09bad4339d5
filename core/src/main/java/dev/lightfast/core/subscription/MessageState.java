package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a queued message is: waiting (possibly to be retried), delivered, or failed for good. */
public enum MessageState {
    PENDING,
    DELIVERED,
    /** Every attempt of the retry schedule failed; a replay queues it again. */
    FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
