package dev.lightfast.server.mcp;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * Shapes what a tool returns: the structured result (validated by clients against the tool's output
 * schema), a readable text part, and one resource link per cited event so a client can open the
 * evidence with {@code resources/read}.
 */
final class ToolResults {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** The events a result cites, in the order first cited, each once. */
    static final class Cited {
        private final Map<String, Map<String, Object>> byId = new LinkedHashMap<>();

        void add(Event e) {
            add(e.id(), e.url(), e.type(), e.title(), e.occurredAt());
        }

        void add(String eventId, String url, String type, String title, Instant occurredAt) {
            if (byId.containsKey(eventId)) {
                return;
            }
            var c = new LinkedHashMap<String, Object>();
            c.put("eventId", eventId);
            c.put("uri", ResourceUris.event(eventId));
            putIfPresent(c, "url", url);
            putIfPresent(c, "type", type);
            putIfPresent(c, "title", title);
            putIfPresent(c, "occurredAt", occurredAt == null ? null : occurredAt.toString());
            byId.put(eventId, c);
        }

        List<Map<String, Object>> list() {
            return List.copyOf(byId.values());
        }
    }

    private ToolResults() {}

    /** A record or map as the JSON object the REST API would answer with. */
    static LinkedHashMap<String, Object> json(Object value) {
        return Json.MAPPER.convertValue(value, MAP);
    }

    /** An event as JSON with its resource address beside its id. */
    static LinkedHashMap<String, Object> event(Event e) {
        var m = json(e);
        m.put("uri", ResourceUris.event(e.id()));
        return m;
    }

    static CallToolResult success(Map<String, Object> structured, Cited cited, String text) {
        structured.put("citations", cited.list());
        List<McpSchema.Content> content = new ArrayList<>();
        content.add(new McpSchema.TextContent(text));
        for (Map<String, Object> c : cited.list()) {
            content.add(McpSchema.ResourceLink.builder()
                    .uri((String) c.get("uri"))
                    .name((String) c.get("eventId"))
                    .title((String) c.get("title"))
                    .description(describe(c))
                    .mimeType("application/json")
                    .build());
        }
        return CallToolResult.builder()
                .structuredContent(structured)
                .content(content)
                .isError(false)
                .build();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static String describe(Map<String, Object> c) {
        var parts = new ArrayList<String>();
        if (c.get("type") != null) {
            parts.add((String) c.get("type"));
        }
        if (c.get("occurredAt") != null) {
            parts.add((String) c.get("occurredAt"));
        }
        if (c.get("url") != null) {
            parts.add((String) c.get("url"));
        }
        return String.join(" · ", parts);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
