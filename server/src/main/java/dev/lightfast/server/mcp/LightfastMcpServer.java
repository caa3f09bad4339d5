package dev.lightfast.server.mcp;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.MissingScope;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import dev.lightfast.server.Lightfast;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server: Lightfast's tools and resources on a transport (streamable HTTP or stdio). One
 * server serves every tenant; each call reads its tenant from the {@link TenantScope}, so the
 * handlers cannot forget to scope (see docs/decisions/0007-mcp.md).
 */
public final class LightfastMcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(LightfastMcpServer.class);

    static final String INSTRUCTIONS = "Lightfast holds the team's history from its tools (GitHub and others) as "
            + "immutable, cited events and a graph of the things they are about. Start with search (or answer for a "
            + "direct question), then get_event, timeline and related on the ids you find; check_rules and violations "
            + "tell which of the team's own rules something breaks; why explains what caused something, step by step; "
            + "truth and conflicts say what is true where the tools disagree; propose_intent turns what should be done "
            + "(\"comment on the PR that fixed #41\") into a cited plan of tool calls, execute_intent runs it once, "
            + "intent_status follows it. Every result cites events as "
            + "lightfast://events/{id} resource links and the source tool's URL: quote them when you answer.";

    private final ToolHandlers handlers;
    private final RuleTools ruleTools;
    private final ReasonTools reasonTools;
    private final IntentTools intentTools;
    private final LightfastResources resources;
    private final TenantScope scope;

    private LightfastMcpServer(Engine engine, TenantScope scope) {
        var storage = engine.storage();
        this.handlers = new ToolHandlers(
                engine.search(), engine.index(), storage.eventLog(), storage.graph(), engine.answerer());
        this.ruleTools = new RuleTools(
                storage.rules(),
                engine.ruleCheck(),
                new dev.lightfast.server.rules.ProposedActions(storage.eventLog(), engine.clock()),
                new EntityLookup(storage.graph()));
        this.reasonTools =
                new ReasonTools(engine.why(), engine.truths(), storage.claims(), storage.graph(), storage.eventLog());
        this.intentTools = new IntentTools(engine.intents());
        this.resources = new LightfastResources(storage.eventLog(), storage.graph(), scope);
        this.scope = scope;
    }

    /** Over streamable HTTP: one server for every tenant, each request's tenant from its API key. */
    public static McpSyncServer streamable(McpStreamableServerTransportProvider transport, Engine engine) {
        var server = new LightfastMcpServer(engine, TenantScope.fromRequest());
        return server.configure(McpServer.sync(transport));
    }

    /** Over stdio: the one tenant the operator chose. */
    public static McpSyncServer stdio(McpServerTransportProvider transport, Engine engine, TenantId tenant) {
        var server = new LightfastMcpServer(engine, TenantScope.fixed(tenant));
        return server.configure(McpServer.sync(transport));
    }

    private <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(McpServer.SyncSpecification<S> spec) {
        return spec.serverInfo("lightfast", Lightfast.version())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                // Our own argument checks name the argument and the fix; the SDK's schema messages do not.
                .validateToolInputs(false)
                // Handlers are blocking reads: run them on the request's own (virtual) thread, no hand-off.
                .immediateExecution(true)
                .tools(tools())
                .resourceTemplates(resources.templates())
                .build();
    }

    private List<SyncToolSpecification> tools() {
        Map<String, BiFunction<TenantId, ToolArguments, CallToolResult>> byName = new java.util.HashMap<>(Map.of(
                ToolCatalog.SEARCH, handlers::search,
                ToolCatalog.GET_EVENT, handlers::getEvent,
                ToolCatalog.LIST_EVENTS, handlers::listEvents,
                ToolCatalog.TIMELINE, handlers::timeline,
                ToolCatalog.RELATED, handlers::related,
                ToolCatalog.ANSWER, handlers::answer,
                RuleTools.CHECK_RULES, ruleTools::checkRules,
                RuleTools.VIOLATIONS, ruleTools::violations));
        byName.put(ReasonTools.WHY, reasonTools::why);
        byName.put(ReasonTools.TRUTH, reasonTools::truth);
        byName.put(ReasonTools.CONFLICTS, reasonTools::conflicts);
        Map<String, BiFunction<Caller, ToolArguments, CallToolResult>> byCaller = new java.util.HashMap<>();
        byName.forEach((name, handler) -> byCaller.put(name, (caller, args) -> handler.apply(caller.tenant(), args)));
        // The tools that act check the caller's scopes, as the REST routes do.
        byCaller.put(IntentTools.PROPOSE_INTENT, intentTools::propose);
        byCaller.put(IntentTools.EXECUTE_INTENT, intentTools::execute);
        byCaller.put(IntentTools.INTENT_STATUS, intentTools::status);
        return ToolCatalog.all().stream()
                .map(tool -> new SyncToolSpecification(
                        tool, (exchange, request) -> call(tool, byCaller.get(tool.name()), exchange, request)))
                .toList();
    }

    /** Runs a tool; whatever goes wrong is a tool error the model can read, never a protocol error. */
    private CallToolResult call(
            McpSchema.Tool tool,
            BiFunction<Caller, ToolArguments, CallToolResult> handler,
            McpSyncServerExchange exchange,
            McpSchema.CallToolRequest request) {
        try {
            Caller caller = scope.caller(exchange);
            return handler.apply(caller, ToolArguments.of(tool.name(), request.arguments(), accepted(tool)));
        } catch (ToolInputError | InvalidInput | MissingScope e) {
            // The caller's own mistake (a missing scope included), in words it can act on. Anything else (an
            // IllegalArgumentException included) is ours: its message stays in the log.
            return ToolResults.error(tool.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            String ref = Ids.ulid();
            LOG.error("MCP tool {} failed (ref {})", tool.name(), ref, e);
            return ToolResults.error(tool.name() + ": internal error; the server log has the details under ref " + ref);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> accepted(McpSchema.Tool tool) {
        return ((Map<String, Object>) tool.inputSchema().get("properties")).keySet();
    }
}
