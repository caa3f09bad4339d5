package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Channel events: {@code slack.channel.created}, {@code .renamed}, {@code .archived}, {@code
 * .unarchived}, {@code .deleted}, {@code .member_joined}, {@code .member_left}. Private channels'
 * older {@code group_*} events map onto the same types.
 */
final class ChannelNormalizer implements SlackNormalizer {
    static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("channel_created", "created"),
            Map.entry("channel_rename", "renamed"),
            Map.entry("group_rename", "renamed"),
            Map.entry("channel_archive", "archived"),
            Map.entry("group_archive", "archived"),
            Map.entry("channel_unarchive", "unarchived"),
            Map.entry("group_unarchive", "unarchived"),
            Map.entry("channel_deleted", "deleted"),
            Map.entry("group_deleted", "deleted"),
            Map.entry("member_joined_channel", "member_joined"),
            Map.entry("member_left_channel", "member_left"));

    @Override
    public List<EventDraft> normalize(SlackDelivery d) {
        JsonNode event = d.event();
        String type = text(event.path("type"));
        String verb = VERBS.getOrDefault(type, "updated");
        JsonNode channelNode = event.path("channel");
        String channel = channelNode.isObject() ? text(channelNode.path("id")) : text(channelNode);
        String name = channelNode.isObject() ? text(channelNode.path("name")) : null;
        String user = PayloadFields.or(d.userId(), text(channelNode.path("creator")));
        String shown = name != null ? "#" + name : PayloadFields.or(channel, "a channel");
        String who = PayloadFields.or(d.userName(), user);
        String title = switch (verb) {
            case "created" -> (who != null ? who + " created " : "Channel created: ") + shown;
            case "renamed" -> "Channel " + PayloadFields.or(channel, "") + " renamed to " + shown;
            case "member_joined" ->
                PayloadFields.or(who, "Someone") + " joined " + shown
                        + (text(event.path("inviter")) != null
                                ? " (invited by " + text(event.path("inviter")) + ")"
                                : "");
            case "member_left" -> PayloadFields.or(who, "Someone") + " left " + shown;
            default -> (who != null ? who + " " + verb + " " : "Channel " + verb + ": ") + shown;
        };
        return List.of(d.draft("channel", verb)
                .actor(SlackEntities.person(user, d.userName()))
                .title(title.replace("  ", " "))
                .occurredAt(d.occurredAt(event.path("event_ts"), channelNode.path("created")))
                .subject(SlackEntities.channel(channel, name))
                .subject(SlackEntities.person(user, d.userName()))
                .attribute("user_id", user)
                .attribute("channel", channel)
                .attribute("channel_name", name)
                .attribute("channel_type", text(event.path("channel_type")))
                .attribute("inviter", text(event.path("inviter")))
                .attribute("slack_type", type)
                .build());
    }
}
