package dev.lightfast.core.act;

import java.util.Locale;

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

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
