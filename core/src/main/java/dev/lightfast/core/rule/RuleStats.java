package dev.lightfast.core.rule;

/** What a rule has found so far: open and resolved violations, and run-time errors in all. */
public record RuleStats(long open, long resolved, long errors) {
    public static final RuleStats NONE = new RuleStats(0, 0, 0);
}
