package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an intent stands. */
public enum IntentState {
    /** Planned, not asked to run (a dry run). */
    PLANNED,
    /** Asked to run, waiting for an approval policy requires. */
    AWAITING_APPROVAL,
    /** Approved, not yet asked to run. */
    APPROVED,
    /** Its calls are being made (or will be, after a restart). */
    EXECUTING,
    /** Every call succeeded. */
    SUCCEEDED,
    /** A call failed for good; the calls after it were not made. */
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state a caller named by its wire name ({@code awaiting_approval}); the upper-case name the
     * intent's {@code state} field shows is accepted too, so a value read from an intent filters by it.
     */
    public static IntentState of(String wire) {
        if (wire == null || wire.isBlank()) {
            throw new InvalidInput("a state is required: one of " + names());
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("unknown intent state '" + wire + "': one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(IntentState::wire).collect(Collectors.joining(", "));
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
