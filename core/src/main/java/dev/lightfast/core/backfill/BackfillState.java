package dev.lightfast.core.backfill;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a backfill job is. Only a running job holds its connection: a second one is refused. */
public enum BackfillState {
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackfillState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != RUNNING;
    }
}
