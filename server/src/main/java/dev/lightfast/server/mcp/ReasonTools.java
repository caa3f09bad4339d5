package dev.lightfast.server.mcp;

import static dev.lightfast.server.mcp.ToolSchemas.anyObject;
import static dev.lightfast.server.mcp.ToolSchemas.arrayOf;
import static dev.lightfast.server.mcp.ToolSchemas.asOf;
import static dev.lightfast.server.mcp.ToolSchemas.citations;
import static dev.lightfast.server.mcp.ToolSchemas.entityArgument;
import static dev.lightfast.server.mcp.ToolSchemas.enumOf;
import static dev.lightfast.server.mcp.ToolSchemas.input;
import static dev.lightfast.server.mcp.ToolSchemas.integer;
import static dev.lightfast.server.mcp.ToolSchemas.kindArgument;
import static dev.lightfast.server.mcp.ToolSchemas.object;
import static dev.lightfast.server.mcp.ToolSchemas.props;
import static dev.lightfast.server.mcp.ToolSchemas.string;

import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.Conflict;
import dev.lightfast.core.claim.ConflictQuery;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.why.Chain;
import dev.lightfast.reason.truth.Truth;
import dev.lightfast.reason.truth.Truths;
import dev.lightfast.reason.why.CausalChains;
import dev.lightfast.reason.why.WhyStart;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reason II as tools: {@code why} (mirrors {@code GET /v1/why/{id}}), {@code truth} ({@code GET
 * /v1/truth/{id}}) and {@code conflicts} ({@code GET /v1/conflicts}). All only read.
 */
final class ReasonTools {
    static final String WHY = "why";
    static final String TRUTH = "truth";
    static final String CONFLICTS = "conflicts";
    static final int CONFLICTS_DEFAULT = 20;

    private final CausalChains why;
    private final Truths truths;
    private final ClaimStore claims;
    private final GraphStore graph;
    private final EventLog log;
    private final EntityLookup entities;

    ReasonTools(CausalChains why, Truths truths, ClaimStore claims, GraphStore graph, EventLog log) {
        this.why = why;
        this.truths = truths;
        this.claims = claims;
        this.graph = graph;
        this.log = log;
        this.entities = new EntityLookup(graph);
    }

    private static McpSchema.Tool tool(
            String name, String title, String description, Map<String, Object> input, Map<String, Object> output) {
        return McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
                .build();
    }

    private static List<String> attributes() {
        return Arrays.stream(ClaimAttribute.values()).map(ClaimAttribute::wire).toList();
    }

    static McpSchema.Tool why() {
        return tool(
                WHY,
                "Why did it happen",
                "Explain why something happened: the causal chain backwards from an incident, deployment, commit, pull "
                        + "request or issue (incident <- deployment <- commit <- pull request <- issue <- decision), as "
                        + "ordered steps. Each step says what caused what, whether a tool asserted the link (a 'Fixes #41', "
                        + "a deployment's SHA, a Sentry release) or Lightfast inferred it (same service and environment, "
                        + "minutes apart) with its evidence and confidence, and one sentence of rationale; every step "
                        + "cites its events. Never present an inferred step as a fact. Give an event id (e.g. a Sentry "
                        + "alert's) or an entity.",
                input(props(
                        "id", string("An event id, or an entity id (ent_...)."),
                        "entity", entityArgument(),
                        "kind", kindArgument(),
                        "asOf", asOf())),
                object(
                        props(
                                "start", anyObject("the thing explained: id, kind, label"),
                                "steps",
                                        arrayOf(anyObject(
                                                "a step: n, effect, cause, relation, basis (asserted or inferred),"
                                                        + " confidence, rationale, evidence, citations")),
                                "others", arrayOf(anyObject("a cause found but not on the chain, as a step")),
                                "summary", arrayOf(anyObject("a sentence and the event ids it cites")),
                                "citations", citations()),
                        "start",
                        "steps",
                        "citations"));
    }

    static McpSchema.Tool truth() {
        return tool(
                TRUTH,
                "What is true of it",
                "What is true of an entity when its tools disagree: for each attribute (state: open, in_progress, "
                        + "in_review, done, canceled; merged; assignee; production: what runs in a service; shipped), the "
                        + "value by the team's truth policy, the winning claim and every losing claim with why it lost, "
                        + "each cited, and one sentence of rationale ('Linear says Done; GitHub says the pull request that "
                        + "fixes it is still open; policy: the code host wins once a fixing change exists'). asOf reads "
                        + "what was believed true at a past point. Services are entities too: key service:<name>.",
                input(
                        props(
                                "entity", entityArgument(),
                                "kind", kindArgument(),
                                "attribute", enumOf(attributes(), "Only this attribute."),
                                "asOf", asOf()),
                        "entity"),
                object(
                        props(
                                "entity", string("the entity's id"),
                                "truths",
                                        arrayOf(anyObject(
                                                "attribute, value, stated, winner, losers [{claim, why}], mode,"
                                                        + " policy, conflict, rationale, citations")),
                                "citations", citations()),
                        "entity",
                        "truths",
                        "citations"));
    }

    static McpSchema.Tool conflicts() {
        return tool(
                CONFLICTS,
                "Where the tools disagree",
                "List the entities whose current claims disagree across tools (Linear says Done while the fixing pull "
                        + "request is still open; two tools name different releases in production), newest first, each with "
                        + "the disagreeing claims and the truth policy's verdict, cited. asOf lists those open at a past "
                        + "point.",
                input(props(
                        "attribute", enumOf(attributes(), "Only conflicts about this attribute."),
                        "entity", entityArgument(),
                        "kind", kindArgument(),
                        "asOf", asOf(),
                        "limit", integer(1, ConflictQuery.MAX_LIMIT, CONFLICTS_DEFAULT, "How many."))),
                object(
                        props(
                                "conflicts",
                                        arrayOf(anyObject("entity, attribute, since, claims (one per role), verdict (a"
                                                + " truth: value, rationale, citations)")),
                                "citations", citations()),
                        "conflicts",
                        "citations"));
    }

    CallToolResult why(TenantId tenant, ToolArguments args) {
        AsOf asOf = args.asOf("asOf");
        String id = args.text("id");
        Entity start;
        if (id != null && !id.startsWith("ent_")) {
            var event = log.find(tenant, id)
                    .orElseThrow(() -> new ToolInputError("no event '" + id + "' in this tenant; give an event id from"
                            + " search or list_events, or an entity"));
            start = WhyStart.of(tenant, event, graph, asOf)
                    .orElseThrow(() -> new ToolInputError("event " + id + " is about nothing the graph knows"));
        } else {
            String ref = id != null ? id : args.text("entity");
            if (ref == null) {
                throw new ToolInputError("give id (an event or entity id) or entity (an id or natural key)");
            }
            start = entities.resolve(tenant, ref, args.text("kind"), asOf);
        }
        Chain chain = why.explain(tenant, start, asOf);
        var cited = new ToolResults.Cited();
        var out = new StringBuilder();
        if (chain.steps().isEmpty()) {
            out.append("Nothing known caused ")
                    .append(start.name())
                    .append(": no deployment, commit, change or decision" + " before it is linked to it.");
        }
        for (var s : chain.summary()) {
            out.append(out.isEmpty() ? "" : "\n").append(s.text());
        }
        for (var s : chain.steps()) {
            s.citations().forEach(c -> cite(cited, c));
        }
        var structured = ToolResults.json(chain);
        return ToolResults.success(structured, cited, out.toString());
    }

    CallToolResult truth(TenantId tenant, ToolArguments args) {
        AsOf asOf = args.asOf("asOf");
        String ref = args.requiredText("entity", "an entity id (ent_...) or natural key");
        String id = ref.startsWith("ent_")
                ? ref
                : args.text("kind") != null
                        ? dev.lightfast.core.graph.EntityIds.of(args.text("kind"), ref)
                        : ref.startsWith(dev.lightfast.core.graph.Areas.SERVICE_PREFIX)
                                ? dev.lightfast.core.graph.EntityIds.of("service", ref)
                                : entities.resolve(tenant, ref, null, AsOf.NOW).id();
        if (graph.entity(tenant, id, AsOf.NOW).isEmpty()
                && claims.entity(tenant, id).isEmpty()) {
            throw new ToolInputError("no entity '" + ref + "' in this tenant");
        }
        String a = args.oneOf("attribute", attributes());
        List<Truth> found = truths.of(tenant, id, a == null ? null : ClaimAttribute.parse(a), asOf);
        var cited = new ToolResults.Cited();
        var out = new StringBuilder();
        if (found.isEmpty()) {
            out.append("No tool states anything about ")
                    .append(ref)
                    .append(a == null ? "" : "'s " + a)
                    .append('.');
        }
        for (Truth t : found) {
            out.append(out.isEmpty() ? "" : "\n")
                    .append(t.attribute())
                    .append(" = ")
                    .append(t.value())
                    .append(t.conflict() ? " (the sources disagree): " : ": ")
                    .append(t.rationale());
            t.citations().forEach(c -> cite(cited, c));
        }
        var structured = new LinkedHashMap<String, Object>();
        structured.put("entity", id);
        structured.put("truths", ToolResults.json(Map.of("t", found)).get("t"));
        return ToolResults.success(structured, cited, out.toString());
    }

    CallToolResult conflicts(TenantId tenant, ToolArguments args) {
        AsOf asOf = args.asOf("asOf");
        String ref = args.text("entity");
        String entity = ref == null
                ? null
                : entities.resolve(tenant, ref, args.text("kind"), AsOf.NOW).id();
        String a = args.oneOf("attribute", attributes());
        var page = claims.conflicts(
                tenant,
                new ConflictQuery(
                        entity, a, asOf, null, args.integer("limit", CONFLICTS_DEFAULT, 1, ConflictQuery.MAX_LIMIT)));
        var cited = new ToolResults.Cited();
        List<Object> listed = new ArrayList<>();
        var out = new StringBuilder(page.conflicts().size() + " conflict"
                + (page.conflicts().size() == 1 ? "" : "s") + (page.conflicts().isEmpty() ? "." : ":"));
        for (Conflict c : page.conflicts()) {
            Truth verdict = truths.of(tenant, c.entityId(), ClaimAttribute.parse(c.attribute()), asOf).stream()
                    .findFirst()
                    .orElse(null);
            var m = new LinkedHashMap<String, Object>();
            m.put(
                    "entity",
                    Map.of(
                            "id", c.entityId(),
                            "kind", c.entity().kind(),
                            "label",
                                    c.entity().label() != null
                                            ? c.entity().label()
                                            : c.entity().key()));
            m.put("attribute", c.attribute());
            m.put("since", c.openedAt().toString());
            m.put("claims", ToolResults.json(Map.of("c", c.claims())).get("c"));
            if (verdict != null) {
                m.put("verdict", ToolResults.json(verdict));
                verdict.citations().forEach(x -> cite(cited, x));
            }
            listed.add(m);
            out.append("\n- ")
                    .append(
                            c.entity().label() != null
                                    ? c.entity().label()
                                    : c.entity().key())
                    .append(' ')
                    .append(c.attribute())
                    .append(" since ")
                    .append(c.openedAt())
                    .append(verdict == null ? "" : ": " + verdict.rationale());
        }
        var structured = new LinkedHashMap<String, Object>();
        structured.put("conflicts", listed);
        return ToolResults.success(structured, cited, out.toString());
    }

    private static void cite(ToolResults.Cited cited, Citation c) {
        if (c != null) {
            cited.add(c.eventId(), c.url(), c.type(), null, c.occurredAt());
        }
    }
}
