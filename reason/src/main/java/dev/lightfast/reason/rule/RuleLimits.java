package dev.lightfast.reason.rule;

/**
 * What one tenant's rules may cost. {@code maxRules} counts active rules; the costs are a rule's
 * compiled size (expression nodes, and {@value RuleCompiler#GRAPH_CALL_COST} for each read of the
 * graph or the log), per rule and summed over the active rules: every event of the tenant is
 * judged by them all.
 */
public record RuleLimits(int maxRules, int maxRuleCost, int maxTotalCost) {
    public static final RuleLimits DEFAULT = new RuleLimits(200, 1_500, 40_000);

    public RuleLimits {
        if (maxRules < 1 || maxRuleCost < 1 || maxTotalCost < maxRuleCost) {
            throw new IllegalArgumentException("rule limits must be positive, the total at least one rule's");
        }
    }
}
