package dev.lightfast.server.events;

import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.json.Json;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/** A stored raw delivery as JSON: its payload parsed when it is JSON, else base64. REST and MCP share it. */
public final class RawDeliveries {
    private RawDeliveries() {}

    public static ObjectNode toJson(RawDelivery raw) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", raw.id());
        node.put("source", raw.source());
        if (raw.connectionId() != null) {
            node.put("connectionId", raw.connectionId());
        }
        node.put("deliveryKey", raw.deliveryKey());
        if (raw.eventName() != null) {
            node.put("eventName", raw.eventName());
        }
        node.put("receivedAt", raw.receivedAt().toString());
        node.set("headers", Json.MAPPER.valueToTree(raw.headers()));
        try {
            node.set("payload", Json.MAPPER.readTree(raw.body()));
        } catch (RuntimeException notJson) {
            node.put("bodyBase64", Base64.getEncoder().encodeToString(raw.body()));
        }
        return node;
    }
}
