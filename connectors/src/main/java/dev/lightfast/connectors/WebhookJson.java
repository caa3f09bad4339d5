package dev.lightfast.connectors;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a webhook body that must be one JSON object, as Linear, Sentry, Vercel and Slack's Events
 * API send. Anything else is refused as {@link WebhookRejected.Reason#MALFORMED} with a message
 * naming the tool, so the sender knows which integration is misconfigured.
 */
public final class WebhookJson {
    private WebhookJson() {}

    /**
     * @param tool the tool's name as people know it ("Linear"), for the message
     * @throws WebhookRejected (MALFORMED) unless the body is one JSON object
     */
    public static ObjectNode object(byte[] body, String tool) {
        if (body == null || body.length == 0) {
            throw malformed(tool, "the body is empty");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed(tool, "the body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed(tool, "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static WebhookRejected malformed(String tool, String what) {
        return new WebhookRejected(
                WebhookRejected.Reason.MALFORMED, "not a " + tool + " webhook delivery: " + what + ".");
    }
}
