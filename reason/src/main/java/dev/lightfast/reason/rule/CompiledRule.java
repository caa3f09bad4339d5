package dev.lightfast.reason.rule;

import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.rule.Rule;
import java.time.Duration;

/**
 * A rule version ready to judge: its trigger's type glob and condition, and either the expectation
 * (type, match, window) or the requirement, each compiled once. {@code cost} is what counts against
 * the tenant's evaluation budget: the expressions' nodes, and more for each read of the graph.
 * {@code correlation} is the entity kind the match requires candidate and trigger to share ({@code
 * shares(candidate, trigger, 'pull_request')} as a conjunct), or null: what lets waiting
 * expectations be found by entity rather than all tried.
 */
record CompiledRule(
        Rule rule,
        TypeGlob trigger,
        Expression condition,
        TypeGlob expectType,
        Expression match,
        Duration within,
        Expression require,
        int cost,
        String correlation) {

    String id() {
        return rule.id();
    }

    String kind() {
        return rule.spec().kind();
    }

    boolean readsGraph() {
        return (condition != null && condition.readsGraph())
                || (match != null && match.readsGraph())
                || (require != null && require.readsGraph());
    }
}
