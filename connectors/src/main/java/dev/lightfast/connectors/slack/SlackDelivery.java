package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventTypeWords;
import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Events API delivery: the envelope ({@code team_id}, {@code event_id}, {@code event_time},
 * {@code type}) and the inner {@code event} normalizers read.
 *
 * @param eventName the inner event's type ({@code message}, {@code reaction_added}), or the
 *     envelope's for deliveries without an inner event
 * @param receivedAt our time of receipt: the occurrence time when the body has none
 */
record SlackDelivery(String deliveryKey, String eventName, JsonNode body, Instant receivedAt) {

    SlackDelivery {
        body = body == null ? MissingNode.getInstance() : body;
        if (eventName == null || eventName.isBlank()) {
            eventName = PayloadFields.or(
                    text(body.path("event").path("type")), PayloadFields.or(text(body.path("type")), "unknown"));
        }
    }

    JsonNode event() {
        return body.path("event");
    }

    String teamId() {
        return PayloadFields.or(text(body.path("team_id")), text(event().path("team")));
    }

    /** The user who acted: the message's author, the reacting user, the joining member. */
    String userId() {
        JsonNode user = event().path("user");
        return user.isObject() ? text(user.path("id")) : text(user);
    }

    /** The acting user's name when the event carries a profile (message events often do). */
    String userName() {
        JsonNode profile = event().path("user_profile");
        return PayloadFields.or(
                text(profile.path("display_name")),
                PayloadFields.or(text(profile.path("real_name")), text(profile.path("name"))));
    }

    EntityRef actor() {
        return SlackEntities.person(userId(), userName());
    }

    /** "Ana" or "U0456", as titles name the acting user; "Someone" when there is none. */
    String actorName() {
        return PayloadFields.or(userName(), PayloadFields.or(userId(), "Someone"));
    }

    /** When Slack says it happened: the event's {@code ts}, else {@code event_ts}, else {@code event_time}. */
    Instant occurredAt(JsonNode... first) {
        for (JsonNode n : first) {
            Instant t = PayloadFields.epochSeconds(n);
            if (t != null) {
                return t;
            }
        }
        return PayloadFields.or(
                PayloadFields.firstTime(
                        PayloadFields.epochSeconds(event().path("event_ts")),
                        PayloadFields.epochSeconds(body.path("event_time"))),
                receivedAt);
    }

    EventDraft.Builder draft(String... typeWords) {
        return EventDraft.builder(SlackConnector.PROVIDER, EventTypeWords.type(SlackConnector.PROVIDER, typeWords))
                .actor(actor())
                // Receipt first: a ts outside the times kept is then noted and receipt stays.
                .occurredAt(receivedAt)
                .occurredAt(occurredAt())
                .idempotencyKey(deliveryKey)
                .attribute("team_id", teamId())
                .attribute("user_id", userId())
                .attribute("user_name", userName());
    }

    /** Slack's archive link for a message, which opens it in the workspace it belongs to. */
    static String permalink(String channel, String ts, String threadTs) {
        if (channel == null || ts == null) {
            return null;
        }
        String link = "https://slack.com/archives/" + channel + "/p" + ts.replace(".", "");
        return threadTs != null && !threadTs.equals(ts) ? link + "?thread_ts=" + threadTs + "&cid=" + channel : link;
    }
}
