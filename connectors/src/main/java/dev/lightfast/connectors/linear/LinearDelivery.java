package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventTypeWords;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Linear delivery as every normalizer sees it: the envelope Linear wraps around every entity
 * ({@code type}, {@code action}, {@code actor}, {@code data}, {@code updatedFrom}, {@code url},
 * {@code createdAt}) and the defaults every event of the delivery starts from.
 *
 * @param receivedAt our time of receipt: the occurrence time when the payload has none
 */
record LinearDelivery(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {

    LinearDelivery {
        payload = payload == null ? MissingNode.getInstance() : payload;
    }

    /** Linear's resource name ({@code Issue}, {@code IssueLabel}); the header's when the body has none. */
    String type() {
        return PayloadFields.or(text(payload.path("type")), eventName);
    }

    String action() {
        return text(payload.path("action"));
    }

    /** The action as a past-tense word for event types: {@code create} → {@code created}. */
    String verb() {
        String action = action();
        if (action == null) {
            return "received";
        }
        return switch (action) {
            case "create" -> "created";
            case "update" -> "updated";
            case "remove" -> "removed";
            case "restore" -> "restored";
            default -> EventTypeWords.word(action);
        };
    }

    JsonNode data() {
        return payload.path("data");
    }

    /** Previous values of the fields an update changed (ids, not names); missing for other actions. */
    JsonNode updatedFrom() {
        return payload.path("updatedFrom");
    }

    boolean changed(String field) {
        return updatedFrom().isObject() && updatedFrom().has(field);
    }

    /** The user who acted, or null for an integration, an OAuth app or a payload without an actor. */
    LinearUser actorUser() {
        JsonNode actor = payload.path("actor");
        String type = text(actor.path("type"));
        return type == null || type.equals("user") ? LinearUser.of(actor) : null;
    }

    /** Who acted, as titles name them: a user, an integration ("GitHub"), or "Someone". */
    String actorName() {
        JsonNode actor = payload.path("actor");
        return PayloadFields.or(
                text(actor.path("name")),
                PayloadFields.or(text(actor.path("email")), PayloadFields.or(text(actor.path("service")), "Someone")));
    }

    String url() {
        return PayloadFields.or(text(payload.path("url")), text(data().path("url")));
    }

    /** The first candidate that is a time, else when Linear created the payload, else our receipt. */
    Instant timeOf(JsonNode... candidates) {
        for (JsonNode c : candidates) {
            Instant t = PayloadFields.isoTime(c);
            if (t != null) {
                return t;
            }
        }
        return PayloadFields.or(PayloadFields.isoTime(payload.path("createdAt")), receivedAt);
    }

    /**
     * A draft with what every event of this delivery shares: source, type, the acting user, our
     * receipt time until the normalizer knows better, and an idempotency key: the delivery's own for
     * its main event, the delivery's plus {@code /<suffix>} for each further event it yields.
     */
    EventDraft.Builder draft(String keySuffix, String... typeWords) {
        LinearUser actor = actorUser();
        var draft = EventDraft.builder(
                        LinearConnector.PROVIDER, EventTypeWords.type(LinearConnector.PROVIDER, typeWords))
                .actor(actor == null ? null : actor.ref())
                .occurredAt(receivedAt)
                .url(url())
                .idempotencyKey(keySuffix == null ? deliveryKey : deliveryKey + "/" + keySuffix);
        LinearUser.addAttributes(draft, "actor", actor);
        return draft;
    }
}
