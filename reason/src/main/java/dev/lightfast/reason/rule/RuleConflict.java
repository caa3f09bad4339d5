package dev.lightfast.reason.rule;

/** The rule changed between reading it and writing its next version (another change won the race). */
public final class RuleConflict extends RuntimeException {
    public RuleConflict(String message) {
        super(message, null, false, false);
    }
}
