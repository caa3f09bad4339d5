package dev.lightfast.reason.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.Evidence;
import dev.lightfast.core.rule.PendingExpectation;
import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.Severity;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.Window;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rules a proposed action would break, before anyone takes it: the action as the event it
 * would become, judged by the active rules against the log and the graph as they are now, with
 * nothing saved. An expectation after the action is not broken yet; it is reported as what the
 * action would oblige the team to do.
 */
public final class RuleCheck {
    private final EventLog log;
    private final GraphStore graph;
    private final RuleCompiler compiler;
    private final RuleBook rules;

    public RuleCheck(EventLog log, GraphStore graph, RuleCompiler compiler, RuleBook rules) {
        this.log = log;
        this.graph = graph;
        this.compiler = compiler;
        this.rules = rules;
    }

    /**
     * One rule's verdict on the action.
     *
     * @param verdict {@code breaks}, or {@code obliges} (an expected event must follow within the window)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(
            String ruleId,
            int version,
            String name,
            Severity severity,
            String verdict,
            String reason,
            Window window,
            List<Evidence> evidence) {}

    /** @param proposed the event the action would be; its seq must be past the log's last */
    public List<Finding> action(TenantId tenant, Event proposed) {
        var evaluator = new RuleEvaluator(
                tenant, log, compiler, new RuleFunctions.Reads(tenant, graph, log), EventEntities.SUBJECTS);
        for (CompiledRule r : rules.active(tenant)) {
            evaluator.assume(r.rule());
        }
        evaluator.accept(proposed);
        RuleDelta delta = evaluator.drain();
        var out = new ArrayList<Finding>();
        for (Violation v : delta.opened()) {
            out.add(new Finding(
                    v.rule().id(),
                    v.rule().version(),
                    v.rule().name(),
                    v.rule().severity(),
                    "breaks",
                    v.reason(),
                    v.window(),
                    v.evidence()));
        }
        for (PendingExpectation p : delta.pendingAdded()) {
            var rule = rules.get(tenant, p.ruleId()).orElseThrow().current();
            out.add(new Finding(
                    p.ruleId(),
                    p.version(),
                    rule.spec().name(),
                    rule.spec().severity(),
                    "obliges",
                    "a " + rule.spec().expect().type() + " must follow by " + p.to(),
                    new Window(rule.spec().expect().type(), p.from(), p.to(), 0),
                    List.of()));
        }
        for (var e : delta.errors()) {
            var rule = rules.get(tenant, e.ruleId()).orElseThrow().current();
            out.add(new Finding(
                    e.ruleId(),
                    e.version(),
                    rule.spec().name(),
                    rule.spec().severity(),
                    "error",
                    e.part() + ": " + e.message(),
                    null,
                    List.of()));
        }
        return out;
    }
}
