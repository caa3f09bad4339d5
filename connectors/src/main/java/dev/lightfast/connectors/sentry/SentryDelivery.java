package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventTypeWords;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Sentry delivery as every normalizer sees it: the resource from {@code Sentry-Hook-Resource}
 * and the body Sentry wraps around it ({@code action}, {@code actor}, {@code data}, {@code
 * installation}).
 *
 * @param resource {@code issue}, {@code error}, {@code event_alert}, {@code metric_alert}, …
 * @param receivedAt our time of receipt: the occurrence time when the payload has none
 */
record SentryDelivery(String deliveryKey, String resource, JsonNode payload, Instant receivedAt) {

    SentryDelivery {
        payload = payload == null ? MissingNode.getInstance() : payload;
        resource = resource == null || resource.isBlank() ? "unknown" : resource;
    }

    String action() {
        return text(payload.path("action"));
    }

    JsonNode data() {
        return payload.path("data");
    }

    /** The organization's slug, which some payloads carry with the installation. */
    String organization() {
        return text(payload.path("installation").path("organization").path("slug"));
    }

    /** The member who acted, or null when Sentry itself or an app did. */
    SentryUser actorUser() {
        return SentryUser.of(payload.path("actor"));
    }

    /** Who acted, as titles name them: a member, or "Sentry". */
    String actorName() {
        SentryUser user = actorUser();
        return user != null
                ? user.displayName()
                : PayloadFields.or(text(payload.path("actor").path("name")), "Sentry");
    }

    Instant timeOr(Instant... candidates) {
        return PayloadFields.or(PayloadFields.firstTime(candidates), receivedAt);
    }

    /**
     * A draft with what every event of this delivery shares: source, type, the acting member, our
     * receipt time until the normalizer knows better, and the delivery's {@code Request-ID} as
     * idempotency key.
     */
    EventDraft.Builder draft(String... typeWords) {
        SentryUser actor = actorUser();
        var draft = EventDraft.builder(
                        SentryConnector.PROVIDER, EventTypeWords.type(SentryConnector.PROVIDER, typeWords))
                .actor(actor == null ? null : actor.ref())
                .occurredAt(receivedAt)
                .idempotencyKey(deliveryKey)
                .attribute("organization", organization());
        SentryUser.addAttributes(draft, "actor", actor);
        return draft;
    }
}
