package dev.lightfast.server.mcp;

import static dev.lightfast.server.mcp.ToolSchemas.anyObject;
import static dev.lightfast.server.mcp.ToolSchemas.arrayOf;
import static dev.lightfast.server.mcp.ToolSchemas.citations;
import static dev.lightfast.server.mcp.ToolSchemas.dateTime;
import static dev.lightfast.server.mcp.ToolSchemas.entityArgument;
import static dev.lightfast.server.mcp.ToolSchemas.enumOf;
import static dev.lightfast.server.mcp.ToolSchemas.input;
import static dev.lightfast.server.mcp.ToolSchemas.integer;
import static dev.lightfast.server.mcp.ToolSchemas.kindArgument;
import static dev.lightfast.server.mcp.ToolSchemas.object;
import static dev.lightfast.server.mcp.ToolSchemas.props;
import static dev.lightfast.server.mcp.ToolSchemas.string;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.Evidence;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.ViolationPage;
import dev.lightfast.core.rule.ViolationQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.rule.RuleCheck;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.rules.ProposedActions;
import dev.lightfast.server.rules.ViolationsApi;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules as tools: {@code check_rules} (what an entity breaks now, what a proposed action would
 * break; mirrors {@code POST /v1/rules/check}) and {@code violations} (mirrors {@code GET
 * /v1/violations}). Both only read.
 */
final class RuleTools {
    static final String CHECK_RULES = "check_rules";
    static final String VIOLATIONS = "violations";
    static final int VIOLATIONS_DEFAULT = 20;
    static final int VIOLATIONS_MAX = 100;

    private final RuleStore store;
    private final RuleCheck check;
    private final ProposedActions actions;
    private final EntityLookup entities;

    RuleTools(RuleStore store, RuleCheck check, ProposedActions actions, EntityLookup entities) {
        this.store = store;
        this.check = check;
        this.actions = actions;
        this.entities = entities;
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

    private static Map<String, Object> violation() {
        return anyObject("a violation: id, rule {id, version, name, severity}, kind (expect, require, forbid), status"
                + " (open, resolved), reason, trigger (the citation of the event that broke the rule), window (what an"
                + " expectation searched in vain), evidence (what the rule looked at, cited), resolvedBy, citations");
    }

    static McpSchema.Tool checkRules() {
        return tool(
                CHECK_RULES,
                "Check the team's rules",
                "Check the team's own rules (invariants such as 'every PR merged into main has an approval by someone "
                        + "other than its author' or 'no production deploys on Friday evening') before acting or when "
                        + "looking at something. Give an entity (a pull request, issue, deployment, person ...) to get the "
                        + "rules it breaks now, as open violations; give a proposed action as the event it would be "
                        + "({type, attributes, subjects}) to learn which rules it would break (verdict breaks) or what it "
                        + "would oblige the team to do next (verdict obliges), judged against the log and graph as they are "
                        + "now; nothing is saved. Every violation and finding cites its events.",
                input(
                        props(
                                "entity", entityArgument(),
                                "kind", kindArgument(),
                                "action",
                                        anyObject(
                                                "the proposed action as an event: {\"type\": \"github.deployment.created\", "
                                                        + "\"attributes\": {\"environment\": \"production\"}, \"subjects\": [{\"kind\": "
                                                        + "\"commit\", \"key\": \"git:<sha>\"}]}; also source, title, actor, occurredAt"))),
                object(
                        props(
                                "entity", string("the entity's id, when one was given"),
                                "violations", arrayOf(violation()),
                                "findings",
                                        arrayOf(anyObject(
                                                "a rule's verdict on the action: ruleId, version, name, severity, verdict "
                                                        + "(breaks, obliges, error), reason, window, evidence")),
                                "citations", citations()),
                        "violations",
                        "findings",
                        "citations"));
    }

    static McpSchema.Tool violations() {
        return tool(
                VIOLATIONS,
                "Violations of the team's rules",
                "List the violations the team's rules have found in what its tools reported, newest first: which rule "
                        + "(and version) was broken, by which event, what the rule looked at or the window it searched in "
                        + "vain, and whether a later event resolved it (a late review, an assignment). Filter by rule id, "
                        + "status (open, resolved), entity, or when the breaking event happened; page with cursor. Every "
                        + "violation cites its events as lightfast://events/{id} links.",
                input(props(
                        "rule", string("Only this rule's violations (its id, rul_...)."),
                        "status", enumOf(List.of("open", "resolved"), "Only open or only resolved ones."),
                        "entity", entityArgument(),
                        "kind", kindArgument(),
                        "from", dateTime("Only those whose breaking event happened at or after this instant."),
                        "to", dateTime("Only those whose breaking event happened before this instant."),
                        "cursor", string("The previous page's nextCursor, to continue."),
                        "limit", integer(1, VIOLATIONS_MAX, VIOLATIONS_DEFAULT, "Page size."))),
                object(
                        props(
                                "violations", arrayOf(violation()),
                                "nextCursor", string("pass as cursor for the next page; absent on the last"),
                                "citations", citations()),
                        "violations",
                        "citations"));
    }

    CallToolResult checkRules(TenantId tenant, ToolArguments args) {
        String ref = args.text("entity");
        Object action = args.raw("action");
        if (ref == null && action == null) {
            throw new ToolInputError("give an entity (id or key) to see the rules it breaks, and/or an action "
                    + "{\"type\": ..., \"attributes\": {...}} to see the rules it would break");
        }
        var structured = new LinkedHashMap<String, Object>();
        var cited = new ToolResults.Cited();
        var out = new StringBuilder();
        List<Violation> open = List.of();
        if (ref != null) {
            String id =
                    entities.resolve(tenant, ref, args.text("kind"), AsOf.NOW).id();
            structured.put("entity", id);
            open = store.violations(
                            tenant,
                            new ViolationQuery(null, Violation.Status.OPEN, id, null, null, null, VIOLATIONS_MAX))
                    .violations();
            out.append(open.size())
                    .append(" open violation")
                    .append(open.size() == 1 ? "" : "s")
                    .append(" about ")
                    .append(ref)
                    .append(open.isEmpty() ? "." : ":");
            describe(open, cited, out);
        }
        structured.put("violations", json(open));
        List<RuleCheck.Finding> findings = List.of();
        if (action != null) {
            try {
                findings = check.action(tenant, actions.event(tenant, Json.MAPPER.valueToTree(action)));
            } catch (ApiError e) {
                throw new ToolInputError("action: " + e.getMessage());
            }
            if (!out.isEmpty()) {
                out.append("\n");
            }
            out.append("The action would break ")
                    .append(findings.stream()
                            .filter(f -> f.verdict().equals("breaks"))
                            .count())
                    .append(" rule(s)")
                    .append(findings.isEmpty() ? "." : ":");
            for (var f : findings) {
                out.append("\n- ")
                        .append(f.verdict())
                        .append(" \"")
                        .append(f.name())
                        .append("\" (")
                        .append(f.severity().wire())
                        .append("): ")
                        .append(f.reason());
                for (Evidence e : f.evidence()) {
                    cite(cited, e.citation());
                }
            }
        }
        structured.put("findings", ToolResults.json(Map.of("f", findings)).get("f"));
        return ToolResults.success(structured, cited, out.toString());
    }

    CallToolResult violations(TenantId tenant, ToolArguments args) {
        String ref = args.text("entity");
        String entity = ref == null
                ? null
                : entities.resolve(tenant, ref, args.text("kind"), AsOf.NOW).id();
        String status = args.oneOf("status", List.of("open", "resolved"));
        ViolationQuery.Position before;
        try {
            before = ViolationsApi.decode(args.text("cursor"));
        } catch (ApiError e) {
            throw new ToolInputError(e.getMessage());
        }
        ViolationPage page = store.violations(
                tenant,
                new ViolationQuery(
                        args.text("rule"),
                        status == null ? null : Violation.Status.of(status),
                        entity,
                        args.instant("from"),
                        args.instant("to"),
                        before,
                        args.integer("limit", VIOLATIONS_DEFAULT, 1, VIOLATIONS_MAX)));
        var cited = new ToolResults.Cited();
        var out = new StringBuilder(
                page.violations().size() + " violation" + (page.violations().size() == 1 ? "" : "s")
                        + (page.violations().isEmpty() ? "." : ":"));
        describe(page.violations(), cited, out);
        var structured = new LinkedHashMap<String, Object>();
        structured.put("violations", json(page.violations()));
        if (page.next() != null) {
            structured.put("nextCursor", ViolationsApi.encode(page.next()));
            out.append("\nMore: pass cursor ").append(ViolationsApi.encode(page.next()));
        }
        return ToolResults.success(structured, cited, out.toString());
    }

    private static void describe(List<Violation> violations, ToolResults.Cited cited, StringBuilder out) {
        for (Violation v : violations) {
            out.append("\n- ")
                    .append(v.status().wire())
                    .append(" \"")
                    .append(v.rule().name())
                    .append("\" v")
                    .append(v.rule().version())
                    .append(" (")
                    .append(v.rule().severity().wire())
                    .append("): ")
                    .append(v.reason())
                    .append("; broken by ")
                    .append(v.trigger().type())
                    .append(" ")
                    .append(v.trigger().eventId());
            if (v.trigger().url() != null) {
                out.append(" ").append(v.trigger().url());
            }
            if (v.resolvedBy() != null) {
                out.append("; resolved by ").append(v.resolvedBy().eventId());
            }
            for (Citation c : v.citations()) {
                cite(cited, c);
            }
        }
    }

    private static void cite(ToolResults.Cited cited, Citation c) {
        if (c != null) {
            cited.add(c.eventId(), c.url(), c.type(), null, c.occurredAt());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> json(List<Violation> violations) {
        return (List<Object>) ToolResults.json(Map.of("v", violations)).get("v");
    }
}
