package dev.lightfast.server.rules;

import static dev.lightfast.server.openapi.Schemas.object;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Schemas of the rules' and violations' bodies, for {@code /openapi.json}. */
public final class RuleSchemas {
    private RuleSchemas() {}

    /** A rule that works, shown in the API description and sent by its test. */
    static final Map<String, Object> EXAMPLE = Map.of(
            "name",
            "reviewed before merge",
            "severity",
            "high",
            "on",
            Map.of("type", "github.pull_request.merged", "if", "event.attributes.base_branch == 'main'"),
            "expect",
            Map.of(
                    "type",
                    "github.pull_request_review.submitted",
                    "match",
                    "candidate.attributes.state == 'approved' && candidate.attributes.reviewer !="
                            + " trigger.attributes.author && shares(candidate, trigger, 'pull_request')",
                    "within",
                    "-P30D"));

    private static Map<String, Object> props(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> described(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> arrayOf(Object items) {
        return Map.of("type", "array", "items", items);
    }

    private static Map<String, Object> integer() {
        return Map.of("type", "integer");
    }

    /** Every schema the rules' routes refer to, by name. */
    public static Map<String, Object> all() {
        var s = new LinkedHashMap<String, Object>();
        s.put(
                "RuleSpec",
                object(
                        props(
                                "name", string(),
                                "description", string(),
                                "severity",
                                        Map.of("type", "string", "enum", List.of("low", "medium", "high", "critical")),
                                "on",
                                        object(
                                                props(
                                                        "type",
                                                                described(
                                                                        "string",
                                                                        "the events judged: an exact type or a glob with *"),
                                                        "if",
                                                                described(
                                                                        "string",
                                                                        "CEL over event: only events where it is true are judged")),
                                                "type"),
                                "expect",
                                        object(
                                                props(
                                                        "type",
                                                                described(
                                                                        "string", "the event that must exist (a glob)"),
                                                        "match",
                                                                described(
                                                                        "string",
                                                                        "CEL over trigger and candidate: which events count"),
                                                        "within",
                                                                described(
                                                                        "string",
                                                                        "ISO-8601 duration: PT2H after the trigger, -P30D before it")),
                                                "type",
                                                "within"),
                                "require",
                                        described(
                                                "string",
                                                "CEL over event and the graph (related(), events(), shares(), localTime()):"
                                                        + " must be true")),
                        "name",
                        "on"));
        s.put(
                "RuleStats",
                object(
                        props("open", integer(), "resolved", integer(), "errors", integer()),
                        "open",
                        "resolved",
                        "errors"));
        s.put(
                "RuleError",
                object(props(
                        "ruleId", string(),
                        "version", integer(),
                        "part", described("string", "on.if, expect.match, require, expect.within or compile"),
                        "eventId", string(),
                        "seq", integer(),
                        "at", string("date-time"),
                        "message", string())));
        s.put(
                "Rule",
                object(
                        props(
                                "id", string(),
                                "version", integer(),
                                "status", Map.of("type", "string", "enum", List.of("active", "disabled")),
                                "rule", ref("RuleSpec"),
                                "seq", described("integer", "where in the log this version took effect"),
                                "eventId", described("string", "the event that recorded this version"),
                                "changedAt", string("date-time"),
                                "stats", ref("RuleStats"),
                                "versions",
                                        arrayOf(object(props(
                                                "version", integer(),
                                                "status", string(),
                                                "seq", integer(),
                                                "eventId", string(),
                                                "changedAt", string("date-time")))),
                                "errors", arrayOf(ref("RuleError"))),
                        "id",
                        "version",
                        "status",
                        "rule",
                        "seq",
                        "eventId"));
        s.put("RuleList", object(props("rules", arrayOf(ref("Rule"))), "rules"));
        s.put(
                "InvalidRule",
                object(
                        props(
                                "error",
                                object(
                                        props(
                                                "code", string(),
                                                "message", string(),
                                                "field", described("string", "on.if, expect.match, require, name, ..."),
                                                "line", described("integer", "from 1, for a CEL error"),
                                                "column", described("integer", "from 1, for a CEL error")),
                                        "code",
                                        "message")),
                        "error"));
        s.put("Evidence", object(props("note", string(), "citation", ref("Citation"), "entityId", string()), "note"));
        s.put(
                "Violation",
                object(
                        props(
                                "id", string(),
                                "rule",
                                        object(
                                                props(
                                                        "id", string(),
                                                        "version", integer(),
                                                        "name", string(),
                                                        "severity", string()),
                                                "id",
                                                "version"),
                                "kind", Map.of("type", "string", "enum", List.of("expect", "require", "forbid")),
                                "status", Map.of("type", "string", "enum", List.of("open", "resolved")),
                                "reason", string(),
                                "trigger", ref("Citation"),
                                "openedSeq", integer(),
                                "openedAt", string("date-time"),
                                "window",
                                        object(props(
                                                "type", string(),
                                                "from", string("date-time"),
                                                "to", string("date-time"),
                                                "searched", integer())),
                                "evidence", arrayOf(ref("Evidence")),
                                "entities", arrayOf(string()),
                                "resolvedSeq", integer(),
                                "resolvedAt", string("date-time"),
                                "resolvedBy", ref("Citation"),
                                "resolution", string(),
                                "resolvable", Map.of("type", "boolean"),
                                "citations", arrayOf(ref("Citation"))),
                        "id",
                        "rule",
                        "status",
                        "trigger",
                        "citations"));
        s.put(
                "ViolationList",
                object(props("violations", arrayOf(ref("Violation")), "nextCursor", string()), "violations"));
        s.put(
                "DryRunRequest",
                object(props(
                        "rule", ref("RuleSpec"),
                        "ruleId", described("string", "an existing rule to try instead"),
                        "from", string("date-time"),
                        "to", string("date-time"),
                        "limit", Map.of("type", "integer", "minimum", 1, "maximum", RulesApi.DRY_RUN_MAX))));
        s.put(
                "DryRunResult",
                object(
                        props(
                                "ruleId", string(),
                                "version", integer(),
                                "result",
                                        object(props(
                                                "eventsRead", integer(),
                                                "throughSeq", integer(),
                                                "violations", integer(),
                                                "open", integer(),
                                                "resolved", integer(),
                                                "waiting",
                                                        described(
                                                                "integer",
                                                                "expectations whose window is still open at the end"),
                                                "first", arrayOf(ref("Violation")),
                                                "errors", integer(),
                                                "firstErrors", arrayOf(ref("RuleError")),
                                                "tookMs", integer(),
                                                "graphBehind", Map.of("type", "boolean")))),
                        "ruleId",
                        "result"));
        s.put(
                "RuleCheckRequest",
                object(props(
                        "entity", described("string", "an entity id, or a key with kind"),
                        "kind", string(),
                        "action",
                                object(
                                        props(
                                                "type", string(),
                                                "source", string(),
                                                "title", string(),
                                                "occurredAt", string("date-time"),
                                                "actor", ref("EntityRef"),
                                                "subjects", arrayOf(ref("EntityRef")),
                                                "attributes", Map.of("type", "object")),
                                        "type"))));
        s.put(
                "RuleCheckResult",
                object(
                        props(
                                "entity", string(),
                                "violations", arrayOf(ref("Violation")),
                                "findings",
                                        arrayOf(object(props(
                                                "ruleId", string(),
                                                "version", integer(),
                                                "name", string(),
                                                "severity", string(),
                                                "verdict",
                                                        Map.of(
                                                                "type",
                                                                "string",
                                                                "enum",
                                                                List.of("breaks", "obliges", "error")),
                                                "reason", string(),
                                                "evidence", arrayOf(ref("Evidence")))))),
                        "violations",
                        "findings"));
        return s;
    }
}
