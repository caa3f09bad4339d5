package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventTypeWords;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Vercel delivery: the envelope Vercel wraps every event in ({@code id}, {@code type}, {@code
 * createdAt} in milliseconds, {@code region}, {@code payload}).
 *
 * @param receivedAt our time of receipt: the occurrence time when the body has none
 */
record VercelDelivery(String deliveryKey, String type, JsonNode body, Instant receivedAt) {

    VercelDelivery {
        body = body == null ? MissingNode.getInstance() : body;
        type = type == null || type.isBlank() ? PayloadFields.or(text(body.path("type")), "unknown") : type;
    }

    JsonNode payload() {
        return body.path("payload");
    }

    /** When Vercel says the event happened; our receipt when it does not. */
    Instant occurredAt() {
        return PayloadFields.or(
                PayloadFields.firstTime(
                        PayloadFields.epochMillis(body.path("createdAt")),
                        PayloadFields.isoTime(body.path("createdAt"))),
                receivedAt);
    }

    /** The Vercel user the event is attributed to: who deployed, or whose git push did. */
    String userId() {
        return text(payload().path("user").path("id"));
    }

    /** {@code vercel.} plus the type's dotted words: {@code deployment.created} → {@code vercel.deployment.created}. */
    EventDraft.Builder draft(String... typeWords) {
        return EventDraft.builder(VercelConnector.PROVIDER, EventTypeWords.type(VercelConnector.PROVIDER, typeWords))
                .actor(VercelEntities.user(userId()))
                // Receipt first: a createdAt outside the times kept is then noted and receipt stays.
                .occurredAt(receivedAt)
                .occurredAt(occurredAt())
                .idempotencyKey(deliveryKey)
                .attribute("user_id", userId())
                .attribute("team_id", text(payload().path("team").path("id")))
                .attribute("region", text(body.path("region")));
    }
}
