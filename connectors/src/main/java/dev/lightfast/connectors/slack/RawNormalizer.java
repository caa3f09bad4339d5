package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * The one event kept for a Slack event no normalizer describes (a pin, a file, an app mention, an
 * envelope like {@code app_rate_limited}) or a payload a normalizer could not read: {@code
 * slack.<type>} with the acting user and channel when the event names them. It never throws.
 */
final class RawNormalizer {
    private RawNormalizer() {}

    /** @param problem why a normalizer gave up, or null when none exists for the type */
    static EventDraft draft(SlackDelivery d, String problem) {
        JsonNode event = d.event();
        String type = d.eventName();
        JsonNode channelNode = event.path("channel");
        String channel = channelNode.isObject()
                ? text(channelNode.path("id"))
                : PayloadFields.or(
                        text(channelNode),
                        PayloadFields.or(
                                text(event.path("channel_id")),
                                text(event.path("item").path("channel"))));
        String text = text(event.path("text"));
        String quote = SlackText.excerpt(text, 160);
        return d.draft(type)
                .title("Slack " + type + (d.userId() != null ? " by " + d.actorName() : "")
                        + (channel != null ? " in " + channel : "") + (quote != null ? ": " + quote : ""))
                .body(text)
                .subject(SlackEntities.channel(channel, null))
                .attribute("slack_type", type)
                .attribute("subtype", text(event.path("subtype")))
                .attribute("channel", channel)
                .attribute("normalize_error", problem)
                .build();
    }
}
