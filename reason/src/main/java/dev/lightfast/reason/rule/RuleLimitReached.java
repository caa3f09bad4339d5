package dev.lightfast.reason.rule;

/** A rule would take the tenant past one of its {@link RuleLimits}; the message says which and by how much. */
public final class RuleLimitReached extends RuntimeException {
    public RuleLimitReached(String message) {
        super(message, null, false, false);
    }
}
