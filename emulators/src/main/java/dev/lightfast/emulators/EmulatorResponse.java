package dev.lightfast.emulators;

import dev.lightfast.core.json.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What a route answers, and the webhooks the change it made sends afterwards. */
public record EmulatorResponse(int status, Map<String, String> headers, byte[] body, List<OutgoingWebhook> webhooks) {

    public static EmulatorResponse json(int status, JsonNode body) {
        return new EmulatorResponse(
                status,
                Map.of("Content-Type", "application/json; charset=utf-8"),
                Json.MAPPER.writeValueAsBytes(body),
                List.of());
    }

    public static EmulatorResponse empty(int status) {
        return new EmulatorResponse(status, Map.of(), new byte[0], List.of());
    }

    public EmulatorResponse withHeader(String name, String value) {
        var h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new EmulatorResponse(status, Map.copyOf(h), body, webhooks);
    }

    public EmulatorResponse withWebhooks(List<OutgoingWebhook> more) {
        var all = new java.util.ArrayList<>(webhooks);
        all.addAll(more);
        return new EmulatorResponse(status, headers, body, List.copyOf(all));
    }
}
