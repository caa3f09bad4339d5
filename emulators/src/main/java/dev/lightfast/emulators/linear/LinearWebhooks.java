package dev.lightfast.emulators.linear;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linear's data-change webhooks ({@code Comment} and {@code Issue}, action {@code create} or
 * {@code update}) with {@code webhookTimestamp} in the body and the hex HMAC-SHA256 {@code
 * Linear-Signature}.
 */
final class LinearWebhooks {
    private final LinearState state;

    LinearWebhooks(LinearState state) {
        this.state = state;
    }

    OutgoingWebhook commentCreated(LinearState.Comment c, LinearState.Issue issue) {
        ObjectNode data = state.commentJson(c);
        data.putObject("issue")
                .put("id", issue.id)
                .put("identifier", issue.identifier)
                .put("title", issue.title);
        return payload("Comment", "create", data, data.path("url").asString());
    }

    OutgoingWebhook issue(String action, LinearState.Issue issue) {
        ObjectNode data = state.issueJson(issue);
        return payload("Issue", action, data, state.url(issue));
    }

    private OutgoingWebhook payload(String type, String action, ObjectNode data, String url) {
        Instant now = Instant.now();
        ObjectNode p = Json.MAPPER.createObjectNode().put("action", action).put("type", type);
        p.set("data", data);
        p.put("url", url)
                .put("createdAt", now.toString())
                .put(
                        "organizationId",
                        UUID.nameUUIDFromBytes(state.workspace().getBytes()).toString())
                .put("webhookTimestamp", now.toEpochMilli())
                .put("webhookId", "emulated-webhook");
        p.putObject("actor").put("id", state.botUserId()).put("type", "user").put("name", "Lightfast");
        return new OutgoingWebhook(type + "." + action, Map.of("Linear-Event", type), Json.MAPPER.writeValueAsBytes(p));
    }

    static Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return Map.of(
                "Content-Type", "application/json; charset=utf-8",
                "User-Agent", "Linear-Webhook",
                "Linear-Event", webhook.headers().get("Linear-Event"),
                "Linear-Delivery", UUID.randomUUID().toString(),
                "Linear-Signature", HmacSignatures.hmacSha256Hex(secret, webhook.body()));
    }
}
