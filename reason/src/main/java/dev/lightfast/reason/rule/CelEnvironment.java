package dev.lightfast.reason.rule;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CEL every rule is written in: the {@code event}, {@code trigger} and {@code candidate}
 * variables, typed as the API shows an event (so a misspelt field fails at creation, not at run
 * time), the functions of {@link RuleFunctions}, and the limits that keep one expression cheap.
 * Compiling and evaluating are thread-safe; one environment serves every tenant.
 */
final class CelEnvironment {
    /** The type of an event in expressions: the fields of {@code GET /v1/events/{id}}. */
    static final String EVENT_TYPE = "lightfast.Event";

    static final CelType ANY_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
    static final Map<String, CelType> EVENT_FIELDS = eventFields();
    static final StructType EVENT = StructType.create(
            EVENT_TYPE,
            ImmutableSet.copyOf(EVENT_FIELDS.keySet()),
            name -> Optional.ofNullable(EVENT_FIELDS.get(name)));

    /** Iterations one evaluation's comprehensions ({@code exists}, {@code map}, ...) may take in all. */
    static final int MAX_ITERATIONS = 5_000;
    /** Nodes an expression may have: a bound on the work of evaluating it once. */
    static final int MAX_NODES = 400;

    /** Overloads of the functions that read the graph or the log, bound per evaluation. */
    static final Set<String> GRAPH_OVERLOADS = Set.of(RuleFunctions.RELATED, RuleFunctions.EVENTS);

    private static final CelOptions OPTIONS = CelOptions.current()
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseExpressionNodeCount(MAX_NODES)
            .maxRegexProgramSize(1_000)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    private final CelCompiler triggerCompiler;
    private final CelCompiler matchCompiler;
    private final CelRuntime runtime;

    CelEnvironment() {
        this.triggerCompiler = compiler(List.of("event"));
        this.matchCompiler = compiler(List.of("trigger", "candidate"));
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(OPTIONS)
                .addFunctionBindings(pureBindings())
                .build();
    }

    /** For {@code on.if} and {@code require}: the variable is {@code event}. */
    CelCompiler eventCompiler() {
        return triggerCompiler;
    }

    /** For {@code expect.match}: the variables are {@code trigger} and {@code candidate}. */
    CelCompiler matchCompiler() {
        return matchCompiler;
    }

    CelRuntime runtime() {
        return runtime;
    }

    private static Map<String, CelType> eventFields() {
        var f = new LinkedHashMap<String, CelType>();
        f.put("id", SimpleType.STRING);
        f.put("seq", SimpleType.INT);
        f.put("source", SimpleType.STRING);
        f.put("type", SimpleType.STRING);
        f.put("occurredAt", SimpleType.TIMESTAMP);
        f.put("observedAt", SimpleType.TIMESTAMP);
        f.put("actor", ANY_MAP);
        f.put("subjects", ListType.create(ANY_MAP));
        f.put("title", SimpleType.STRING);
        f.put("body", SimpleType.STRING);
        f.put("attributes", ANY_MAP);
        f.put("url", SimpleType.STRING);
        f.put("causes", ListType.create(SimpleType.STRING));
        return f;
    }

    private static CelCompiler compiler(List<String> variables) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new EventTypes())
                .setResultType(SimpleType.BOOL)
                .addFunctionDeclarations(functionDeclarations());
        for (String v : variables) {
            builder.addVar(v, EVENT);
        }
        return builder.build();
    }

    private static List<CelFunctionDecl> functionDeclarations() {
        CelType entities = ListType.create(ANY_MAP);
        return List.of(
                CelFunctionDecl.newFunctionDeclaration(
                        "shares",
                        CelOverloadDecl.newGlobalOverload(
                                RuleFunctions.SHARES, SimpleType.BOOL, EVENT, EVENT, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                        "subject",
                        CelOverloadDecl.newGlobalOverload(RuleFunctions.SUBJECT, ANY_MAP, EVENT, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                        "subjects",
                        CelOverloadDecl.newGlobalOverload(RuleFunctions.SUBJECTS, entities, EVENT, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                        "localTime",
                        CelOverloadDecl.newGlobalOverload(
                                RuleFunctions.LOCAL_TIME, ANY_MAP, SimpleType.TIMESTAMP, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                        "related",
                        CelOverloadDecl.newGlobalOverload(
                                RuleFunctions.RELATED, entities, SimpleType.DYN, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                        "events",
                        CelOverloadDecl.newGlobalOverload(
                                RuleFunctions.EVENTS, ListType.create(EVENT), SimpleType.DYN, SimpleType.STRING)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<CelFunctionBinding> pureBindings() {
        return List.of(
                CelFunctionBinding.from(
                        RuleFunctions.SHARES,
                        List.of(Map.class, Map.class, String.class),
                        args -> RuleFunctions.shares((Map) args[0], (Map) args[1], (String) args[2])),
                CelFunctionBinding.from(
                        RuleFunctions.SUBJECT, Map.class, String.class, (e, kind) -> RuleFunctions.subject(e, kind)),
                CelFunctionBinding.from(
                        RuleFunctions.SUBJECTS, Map.class, String.class, (e, kind) -> RuleFunctions.subjects(e, kind)),
                CelFunctionBinding.from(
                        RuleFunctions.LOCAL_TIME,
                        java.time.Instant.class,
                        String.class,
                        (t, zone) -> RuleFunctions.localTime(t, zone)));
    }

    /** Makes {@code lightfast.Event} known to the checker. */
    private static final class EventTypes implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.of(EVENT);
        }

        @Override
        public Optional<CelType> findType(String name) {
            return EVENT_TYPE.equals(name) ? Optional.of(EVENT) : Optional.empty();
        }
    }
}
