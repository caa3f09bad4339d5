package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleEvents;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/** Reads where judging stands for a tenant: the rules from the log, the rest from the store. */
final class RuleState {
    private RuleState() {}

    static RuleEvaluator load(
            TenantId tenant,
            RuleStore.Checkpoint checkpoint,
            EventLog log,
            GraphStore graph,
            RuleStore store,
            RuleCompiler compiler,
            EventEntities touches) {
        var evaluator = new RuleEvaluator(tenant, log, compiler, new RuleFunctions.Reads(tenant, graph, log), touches);
        evaluator.resume(
                checkpoint, rules(log, tenant, checkpoint.seq()), store.pending(tenant), store.resolvable(tenant));
        return evaluator;
    }

    /** Every rule version recorded in the tenant's log up to {@code upTo}, in log order. */
    static List<Rule> rules(EventLog log, TenantId tenant, long upTo) {
        var out = new ArrayList<Rule>();
        long after = 0;
        while (true) {
            var page = log.read(tenant, new EventQuery(after, EventQuery.MAX_LIMIT, RuleEvents.ALL, null, null, null));
            for (Event e : page.events()) {
                if (e.seq() > upTo) {
                    return out;
                }
                RuleEvents.read(e).ifPresent(out::add);
            }
            if (!page.hasMore()) {
                return out;
            }
            after = page.nextAfter();
        }
    }
}
