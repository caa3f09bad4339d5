package dev.lightfast.server.coverage;

import static dev.lightfast.server.openapi.Schemas.object;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Schemas of coverage and backfill bodies. */
public final class CoverageSchemas {
    private CoverageSchemas() {}

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

    private static Map<String, Object> nullable(String type, String description) {
        return Map.of("type", List.of(type, "null"), "description", description);
    }

    public static Map<String, Object> all() {
        var s = new LinkedHashMap<String, Object>();
        var citation = ref("Citation");
        s.put(
                "Coverage",
                object(
                        props(
                                "window",
                                object(props(
                                        "from",
                                        string("date-time"),
                                        "to",
                                        string("date-time"),
                                        "days",
                                        Map.of("type", "integer"))),
                                "lastSeq",
                                described("integer", "the tenant's last seq"),
                                "graphCheckpoint",
                                described(
                                        "integer",
                                        "how far the graph has read the log; later events count as unlinked"),
                                "connections",
                                arrayOf(object(
                                        props(
                                                "id",
                                                string(),
                                                "provider",
                                                string(),
                                                "createdAt",
                                                string("date-time"),
                                                "lastDelivery",
                                                object(props(
                                                        "id", string(), "at", string("date-time"), "event", string())),
                                                "deliveries",
                                                described("integer", "every delivery stored through it"),
                                                "eventsInWindow",
                                                Map.of("type", "integer"),
                                                "eventsPerDay",
                                                arrayOf(object(props(
                                                        "day", string("date"), "events", Map.of("type", "integer")))),
                                                "webhookFailures",
                                                object(
                                                        props(
                                                                "total",
                                                                Map.of("type", "integer"),
                                                                "byReason",
                                                                Map.of(
                                                                        "type",
                                                                        "object",
                                                                        "additionalProperties",
                                                                        Map.of("type", "integer")),
                                                                "lastAt",
                                                                nullable("string", "latest refusal"),
                                                                "lastReason",
                                                                nullable("string", "its reason")),
                                                        "total")),
                                        "id",
                                        "provider",
                                        "deliveries",
                                        "eventsPerDay",
                                        "webhookFailures")),
                                "linking",
                                object(
                                        props(
                                                "events",
                                                Map.of("type", "integer"),
                                                "linked",
                                                Map.of("type", "integer"),
                                                "share",
                                                described("number", "linked / events"),
                                                "byTool",
                                                arrayOf(object(props(
                                                        "tool",
                                                        string(),
                                                        "events",
                                                        Map.of("type", "integer"),
                                                        "linked",
                                                        Map.of("type", "integer"),
                                                        "share",
                                                        Map.of("type", "number"),
                                                        "examples",
                                                        arrayOf(object(props(
                                                                "eventId", string(),
                                                                "entity", string(),
                                                                "relation", string(),
                                                                "linkedTo", string(),
                                                                "linkedTool", string(),
                                                                "citation", citation)))))),
                                                "unlinked",
                                                arrayOf(object(props(
                                                        "tool", string(),
                                                        "kind", string(),
                                                        "events", Map.of("type", "integer"),
                                                        "entities", Map.of("type", "integer"),
                                                        "examples", arrayOf(citation)))),
                                                "truncated",
                                                Map.of("type", "boolean")),
                                        "events",
                                        "linked",
                                        "share",
                                        "byTool",
                                        "unlinked")),
                        "window",
                        "connections",
                        "linking"));
        s.put(
                "BackfillRequest",
                object(
                        props(
                                "since", string("date-time"),
                                "until", string("date-time"),
                                "what",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                Map.of(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        dev.lightfast.connectors.github.GithubHistoryReader.KINDS)),
                                "repositories", Map.of("type", "array", "items", string()),
                                "token", described("string", "the API token to read with; kept sealed, never shown"),
                                "apiBase", described("string", "the API's address (GitHub Enterprise, an emulator)")),
                        "since",
                        "repositories",
                        "token"));
        s.put(
                "BackfillProgress",
                object(
                        props(
                                "job",
                                object(props(
                                        "id", string(),
                                        "connectionId", string(),
                                        "provider", string(),
                                        "state",
                                                Map.of(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        List.of("running", "done", "failed", "cancelled")),
                                        "since", string("date-time"),
                                        "objectsDone", Map.of("type", "integer"),
                                        "objectsTotal", Map.of("type", "integer"),
                                        "eventsAdded", Map.of("type", "integer"),
                                        "errors", described("integer", "calls retried (rate limits, server errors)"),
                                        "lastError", string())),
                                "objectsPerSecond",
                                Map.of("type", "number"),
                                "secondsLeft",
                                described("integer", "when the tool said how many objects there are")),
                        "job",
                        "objectsPerSecond"));
        return s;
    }
}
