package dev.lightfast.reason.rule;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.compiler.CelCompiler;
import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.rule.InvalidRule;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Compiles and type-checks a rule's expressions: a rule that would fail on every event (an unknown
 * variable, field or function, a result that is not true or false, an unknown time zone) is refused
 * when it is written, with where in the expression the problem is. Thread-safe.
 */
public final class RuleCompiler {
    /** What one read of the graph or the log counts, against the expression's nodes. */
    static final int GRAPH_CALL_COST = 100;

    private final CelEnvironment cel = new CelEnvironment();

    /** Compiles a version of a rule read from the log or about to be written to it. */
    CompiledRule compile(Rule rule) {
        RuleSpec spec = rule.spec();
        Expression condition = expression("on.if", spec.on().condition(), cel.eventCompiler());
        Expression match = null;
        TypeGlob expectType = null;
        java.time.Duration within = null;
        if (spec.expect() != null) {
            expectType = new TypeGlob(spec.expect().type());
            match = expression("expect.match", spec.expect().match(), cel.matchCompiler());
            within = spec.expect().window();
        }
        Expression require = expression("require", spec.require(), cel.eventCompiler());
        int cost = 1;
        for (Expression e : java.util.Arrays.asList(condition, match, require)) {
            if (e != null) {
                cost += e.nodes();
            }
        }
        String correlation = match == null ? null : correlation(match.ast().getExpr());
        return new CompiledRule(rule, spec.trigger(), condition, expectType, match, within, require, cost, correlation);
    }

    /** Checks a rule as written, for the API: the same compilation, thrown away. */
    public int check(RuleSpec spec) {
        return compile(new Rule("rul_check", 1, Rule.Status.ACTIVE, spec, 0, null, null))
                .cost();
    }

    private Expression expression(String field, String source, CelCompiler compiler) {
        if (source == null || source.isBlank()) {
            return null;
        }
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            CelIssue issue = result.getErrors().getFirst();
            var at = issue.getSourceLocation();
            int line = Math.max(at.getLine(), 0);
            int column = at.getLine() > 0 ? at.getColumn() + 1 : 0;
            throw new InvalidRule(
                    field,
                    field + ": " + issue.getMessage() + (line > 0 ? " (line " + line + ", column " + column + ")" : ""),
                    line,
                    column);
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new InvalidRule(field, field + ": " + e.getMessage());
        }
        boolean readsGraph = ast.getReferenceMap().values().stream()
                .flatMap(r -> r.overloadIds().stream())
                .anyMatch(CelEnvironment.GRAPH_OVERLOADS::contains);
        List<CelNavigableExpr> nodes =
                CelNavigableAst.fromAst(ast).getRoot().allNodes().toList();
        int graphCalls = 0;
        for (CelNavigableExpr node : nodes) {
            graphCalls += checkCall(field, node.expr());
        }
        try {
            var program = cel.runtime().createProgram(ast);
            return new Expression(field, source, program, readsGraph, nodes.size() + graphCalls * GRAPH_CALL_COST, ast);
        } catch (dev.cel.common.CelException e) {
            throw new InvalidRule(field, field + ": " + e.getMessage());
        }
    }

    /**
     * The kind in {@code shares(candidate, trigger, 'kind')} (either order) when it is the match
     * itself or one of its top-level {@code &&} conjuncts: then no candidate without a shared entity
     * of that kind can match.
     */
    static String correlation(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return null;
        }
        var call = expr.call();
        if (call.function().equals("_&&_")) {
            for (CelExpr arg : call.args()) {
                String kind = correlation(arg);
                if (kind != null) {
                    return kind;
                }
            }
            return null;
        }
        if (!call.function().equals("shares") || call.args().size() != 3) {
            return null;
        }
        var a = call.args().get(0);
        var b = call.args().get(1);
        var kind = call.args().get(2);
        boolean variables = a.getKind() == CelExpr.ExprKind.Kind.IDENT
                && b.getKind() == CelExpr.ExprKind.Kind.IDENT
                && java.util.Set.of(a.ident().name(), b.ident().name())
                        .equals(java.util.Set.of("candidate", "trigger"));
        if (!variables
                || kind.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || kind.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
            return null;
        }
        String k = kind.constant().stringValue();
        return k.isEmpty() || k.equals("*") ? null : k;
    }

    /**
     * Checks what can be checked of a call before any event: a literal time zone or type glob. Answers
     * 1 for a call that reads the graph or the log, for the cost.
     */
    private static int checkCall(String field, CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return 0;
        }
        var call = expr.call();
        String function = call.function();
        if (call.args().size() == 2 && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
            var constant = call.args().get(1).constant();
            if (constant.getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
                String literal = constant.stringValue();
                if (function.equals("localTime")) {
                    try {
                        ZoneId.of(literal);
                    } catch (DateTimeException e) {
                        throw new InvalidRule(
                                field,
                                field + ": localTime: unknown time zone '" + literal
                                        + "'; use an IANA name such as Europe/Berlin");
                    }
                } else if (function.equals("events")) {
                    try {
                        new TypeGlob(literal);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRule(field, field + ": events(): " + e.getMessage());
                    }
                }
            }
        }
        return function.equals("related") || function.equals("events") ? 1 : 0;
    }
}
