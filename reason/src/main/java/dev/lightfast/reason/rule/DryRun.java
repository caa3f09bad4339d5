package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.RuleError;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule tried on the tenant's history without saving anything: the same evaluator as the live
 * judging, with the rule in force from the first event read, so a rule that was live through the
 * same history finds the same violations. A rule that only forbids reads only its trigger's events;
 * any other reads every event (expectations need the log's clock, requirements the events that may
 * resolve them).
 */
public final class DryRun {
    private final EventLog log;
    private final GraphStore graph;
    private final RuleCompiler compiler;
    private final EventEntities touches;

    public DryRun(EventLog log, GraphStore graph, RuleCompiler compiler, EventEntities touches) {
        this.log = log;
        this.graph = graph;
        this.compiler = compiler;
        this.touches = touches;
    }

    /**
     * What the rule found.
     *
     * @param eventsRead events the run read from the log
     * @param throughSeq the last seq it judged
     * @param violations how many violations in all; {@code open} and {@code resolved} of them
     * @param waiting expectations whose window had not closed by the log's time at the end
     * @param first the first violations, by verdict
     * @param graphBehind the run stopped where the graph has not yet applied the log (a rule reading
     *     the graph judges an event only once the graph has it)
     */
    public record Result(
            long eventsRead,
            long throughSeq,
            int violations,
            int open,
            int resolved,
            int waiting,
            List<Violation> first,
            long errors,
            List<RuleError> firstErrors,
            long tookMs,
            boolean graphBehind) {}

    /**
     * @param from only events that happened at or after (null: from the start)
     * @param to only events that happened before (null: to the end)
     */
    public Result run(TenantId tenant, Rule rule, Instant from, Instant to, int limit) {
        long started = System.nanoTime();
        CompiledRule compiled = compiler.compile(rule);
        var evaluator = new RuleEvaluator(tenant, log, compiler, new RuleFunctions.Reads(tenant, graph, log), touches);
        evaluator.assume(rule);
        String type = "forbid".equals(compiled.kind()) ? compiled.trigger().logQueryType() : null;
        long upTo = compiled.readsGraph() ? graph.checkpoint(tenant) : Long.MAX_VALUE;
        long lastSeq = log.lastSeq(tenant);
        Map<String, Violation> found = new LinkedHashMap<>();
        List<RuleError> errors = new ArrayList<>();
        long errorCount = 0;
        long read = 0;
        long after = 0;
        boolean stopped = false;
        outer:
        while (true) {
            var page = log.read(tenant, new EventQuery(after, EventQuery.MAX_LIMIT, type, null, from, to));
            for (Event e : page.events()) {
                if (e.seq() > upTo) {
                    stopped = true;
                    break outer;
                }
                evaluator.accept(e);
                read++;
            }
            RuleDelta delta = evaluator.drain();
            delta.opened().forEach(v -> found.put(v.id(), v));
            delta.resolved().forEach(v -> found.put(v.id(), v));
            for (RuleError e : delta.errors()) {
                if (errors.size() < limit) {
                    errors.add(e);
                }
            }
            errorCount += delta.errorCounts().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (!page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        RuleDelta rest = evaluator.drain();
        rest.opened().forEach(v -> found.put(v.id(), v));
        rest.resolved().forEach(v -> found.put(v.id(), v));
        errorCount +=
                rest.errorCounts().values().stream().mapToLong(Long::longValue).sum();
        int open = (int) found.values().stream().filter(Violation::open).count();
        return new Result(
                read,
                evaluator.seq(),
                found.size(),
                open,
                found.size() - open,
                evaluator.waiting(),
                found.values().stream().limit(limit).toList(),
                errorCount,
                errors,
                (System.nanoTime() - started) / 1_000_000,
                stopped && upTo < lastSeq);
    }
}
