package dev.lightfast.reason.rule;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;

/**
 * One compiled CEL expression of a rule, with where it came from ({@code field}: {@code on.if},
 * {@code expect.match}, {@code require}) and whether it reads the graph or the log.
 */
record Expression(
        String field,
        String source,
        CelRuntime.Program program,
        boolean readsGraph,
        int nodes,
        dev.cel.common.CelAbstractSyntaxTree ast) {

    /**
     * Evaluates to a boolean; anything else, or a failure, is the rule's error, not the event's. The
     * graph's functions are made only for an expression that calls them.
     */
    boolean test(Map<String, Object> variables, java.util.function.Supplier<CelFunctionResolver> graph)
            throws RuleFailure {
        Object result;
        // A resolver over the map, rather than the map: CEL would copy a map into an activation each time.
        CelVariableResolver resolver = name -> java.util.Optional.ofNullable(variables.get(name));
        try {
            CelFunctionResolver functions = readsGraph && graph != null ? graph.get() : null;
            result = functions != null ? program.eval(resolver, functions) : program.eval(resolver);
        } catch (CelEvaluationException e) {
            throw new RuleFailure(field, e.getMessage());
        } catch (RuntimeException e) {
            throw new RuleFailure(field, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new RuleFailure(field, field + " gave " + (result == null ? "null" : result) + ", not true or false");
    }

    /** A rule failed on one event: recorded as a rule error, the event goes unjudged by that part. */
    static final class RuleFailure extends Exception {
        private final String part;

        RuleFailure(String part, String message) {
            super(message, null, false, false);
            this.part = part;
        }

        String part() {
            return part;
        }
    }
}
