package dev.lightfast.server.mcp;

import static dev.lightfast.server.mcp.ToolSchemas.anyObject;
import static dev.lightfast.server.mcp.ToolSchemas.arrayOf;
import static dev.lightfast.server.mcp.ToolSchemas.bool;
import static dev.lightfast.server.mcp.ToolSchemas.citations;
import static dev.lightfast.server.mcp.ToolSchemas.enumOf;
import static dev.lightfast.server.mcp.ToolSchemas.input;
import static dev.lightfast.server.mcp.ToolSchemas.object;
import static dev.lightfast.server.mcp.ToolSchemas.props;
import static dev.lightfast.server.mcp.ToolSchemas.string;

import dev.lightfast.core.act.Intent;
import dev.lightfast.core.act.IntentKind;
import dev.lightfast.core.act.Intents;
import dev.lightfast.core.act.PlannedCall;
import dev.lightfast.core.act.Resolution;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.tenant.Caller;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Act as tools: {@code propose_intent} (mirrors {@code POST /v1/intents}), {@code execute_intent}
 * ({@code POST /v1/intents/{id}/execute}) and {@code intent_status} ({@code GET /v1/intents/{id}}).
 * The same {@link Intents} serves both doors, so the API key's scopes apply here as there: the
 * caller is the key the HTTP request carried.
 */
final class IntentTools {
    static final String PROPOSE_INTENT = "propose_intent";
    static final String EXECUTE_INTENT = "execute_intent";
    static final String INTENT_STATUS = "intent_status";

    private final Intents intents;

    IntentTools(Intents intents) {
        this.intents = intents;
    }

    private static McpSchema.Tool tool(
            String name,
            String title,
            String description,
            Map<String, Object> input,
            Map<String, Object> output,
            boolean readOnly,
            boolean destructive) {
        return McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                // Proposing only plans; executing changes the team's tools, so a client should ask first.
                .annotations(new McpSchema.ToolAnnotations(title, readOnly, destructive, true, true, null))
                .build();
    }

    /** What each intent takes, for the description of {@code args}. */
    private static String kinds() {
        return Arrays.stream(IntentKind.values())
                .map(k -> k.wire() + " {"
                        + k.required().stream().map(IntentKind.Arg::name).collect(Collectors.joining(", ")) + "}: "
                        + k.summary())
                .collect(Collectors.joining("; "));
    }

    private static Map<String, Object> status() {
        return object(
                props(
                        "intent",
                                anyObject("the intent: id, kind, args (as given), proposedBy (key id), state (PLANNED,"
                                        + " AWAITING_APPROVAL, APPROVED, EXECUTING, SUCCEEDED, FAILED), message (why it"
                                        + " failed), plan {calls [{index, call {connectionId, operation, arguments,"
                                        + " idempotencyKey}, why, because}], resolution [{says, citations}], policy"
                                        + " {approvalRequired, because, citations}}"),
                        "approvals", arrayOf(anyObject("an approval: approver (key id), at, eventId")),
                        "attempts",
                                arrayOf(anyObject("one try of one call: callIndex, attempt, idempotencyKey, startedAt,"
                                        + " outcome (succeeded, retryable, failed, found; absent while in flight),"
                                        + " status, message (the tool's words), url, finishedAt")),
                        "citations", citations()),
                "intent",
                "approvals",
                "attempts",
                "citations");
    }

    private static Map<String, Object> id() {
        return props("id", string("The intent's id (int_...), as propose_intent answered it."));
    }

    static McpSchema.Tool proposeIntent() {
        return tool(
                PROPOSE_INTENT,
                "Propose an intent",
                "Say what should be done on the team's tools, naming things the way people do (\"the PR that fixed"
                        + " payments-api#301\", \"Priya\", \"payments-api's incident\"), and get the plan: the concrete"
                        + " tool calls (which tool, connection, item, channel and identity), why each was chosen with"
                        + " the events it rests on, and whether an approval is needed. A dry run unless execute is"
                        + " true (needs the execute scope; a plan the policy holds waits for an approval). The intents: "
                        + kinds() + ".",
                input(
                        props(
                                "intent",
                                enumOf(
                                        Arrays.stream(IntentKind.values())
                                                .map(IntentKind::wire)
                                                .toList(),
                                        "What to do."),
                                "args",
                                anyObject("The intent's arguments, each a string in people's words (labels"
                                        + " comma-separated): see the description for what each intent takes."),
                                "execute",
                                bool("Run the plan now when the policy allows (default false: only plan).")),
                        "intent",
                        "args"),
                status(),
                false,
                false);
    }

    static McpSchema.Tool executeIntent() {
        return tool(
                EXECUTE_INTENT,
                "Execute an intent's plan",
                "Run a proposed intent's plan on the team's tools, in the background, each call exactly once (an"
                        + " idempotency key per call; retries on rate limits and server errors; stops on the tool's"
                        + " refusal with its message). A plan the policy holds waits for another key's approval."
                        + " Asking again is harmless. Follow it with intent_status.",
                input(id(), "id"),
                status(),
                false,
                true);
    }

    static McpSchema.Tool intentStatus() {
        return tool(
                INTENT_STATUS,
                "An intent's status",
                "Follow an intent proposed with propose_intent: its state (planned, awaiting approval, executing,"
                        + " succeeded, failed with the tool's own message), its plan with the cited reasons for each"
                        + " call, who approved it, and every attempt of every call with the tool's answer and link.",
                input(id(), "id"),
                status(),
                true,
                false);
    }

    CallToolResult propose(Caller caller, ToolArguments args) {
        String kind = args.requiredText("intent", "what to do: one of " + IntentKind.names());
        Object raw = args.raw("args");
        if (!(raw instanceof Map<?, ?> given)) {
            throw new ToolInputError("args must be an object of the intent's arguments");
        }
        var named = new LinkedHashMap<String, Object>();
        given.forEach((k, v) -> named.put(String.valueOf(k), v));
        return result(intents.propose(caller, kind, named, args.flag("execute", false)));
    }

    CallToolResult execute(Caller caller, ToolArguments args) {
        String id = args.requiredText("id", "the intent's id (int_...)");
        return result(intents.execute(caller, id).orElseThrow(() -> unknown(id)));
    }

    CallToolResult status(Caller caller, ToolArguments args) {
        String id = args.requiredText("id", "the intent's id (int_...)");
        return result(intents.status(caller, id).orElseThrow(() -> unknown(id)));
    }

    private static ToolInputError unknown(String id) {
        return new ToolInputError("no intent " + id + " in this tenant");
    }

    private static CallToolResult result(Intent.Status s) {
        Intent i = s.intent();
        var cited = new ToolResults.Cited();
        var out = new StringBuilder();
        out.append("Intent ")
                .append(i.id())
                .append(" (")
                .append(i.kind().wire())
                .append(") is ")
                .append(i.state().wire())
                .append(i.message() == null ? "" : ": " + i.message())
                .append(".");
        var plan = i.plan();
        out.append("\nPlan (").append(plan.calls().size()).append(" call(s)):");
        for (PlannedCall c : plan.calls()) {
            out.append("\n")
                    .append(c.index() + 1)
                    .append(". ")
                    .append(c.why())
                    .append(" [")
                    .append(c.call().operation().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" ")
                    .append(c.call().arguments())
                    .append("]");
        }
        out.append("\nBecause:");
        for (Resolution r : plan.resolution()) {
            out.append("\n- ").append(r.says());
            r.citations().forEach(c -> cite(cited, c));
        }
        for (PlannedCall c : plan.calls()) {
            c.because().forEach(r -> r.citations().forEach(x -> cite(cited, x)));
        }
        if (plan.policy() != null) {
            out.append("\nPolicy: ").append(plan.policy().because());
            plan.policy().citations().forEach(c -> cite(cited, c));
        }
        if (!s.attempts().isEmpty()) {
            out.append("\nAttempts:");
            s.attempts()
                    .forEach(a -> out.append("\n- call ")
                            .append(a.callIndex() + 1)
                            .append(" attempt ")
                            .append(a.attempt())
                            .append(": ")
                            .append(a.outcome() == null ? "in flight" : a.outcome())
                            .append(a.status() == null ? "" : " (" + a.status() + ")")
                            .append(a.message() == null ? "" : ": " + a.message()));
        }
        var structured = new LinkedHashMap<String, Object>(ToolResults.json(s));
        return ToolResults.success(structured, cited, out.toString());
    }

    private static void cite(ToolResults.Cited cited, Citation c) {
        cited.add(c.eventId(), c.url(), c.type(), null, c.occurredAt());
    }

    static List<McpSchema.Tool> all() {
        return List.of(proposeIntent(), executeIntent(), intentStatus());
    }
}
