package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code reaction_added} and {@code reaction_removed}: {@code slack.reaction.added} and {@code
 * .removed}, about the message reacted to. A check mark added to a message approves it as a
 * decision ({@code approves_decision}); removed, it withdraws that approval.
 */
final class ReactionNormalizer implements SlackNormalizer {

    @Override
    public List<EventDraft> normalize(SlackDelivery d) {
        JsonNode event = d.event();
        boolean added = !"reaction_removed".equals(text(event.path("type")));
        String reaction = text(event.path("reaction"));
        JsonNode item = event.path("item");
        String itemType = text(item.path("type"));
        String channel = text(item.path("channel"));
        String ts = text(item.path("ts"));
        String itemUser = text(event.path("item_user"));
        boolean message = itemType == null || itemType.equals("message");
        String emoji = reaction == null ? "a reaction" : ":" + reaction + ":";
        String title = d.actorName()
                + (added ? " reacted " + emoji + " to " : " removed " + emoji + " from ")
                + (message ? "a message" : "a " + itemType)
                + (itemUser != null ? " by " + itemUser : "")
                + (channel != null ? " in " + channel : "");
        return List.of(d.draft("reaction", added ? "added" : "removed")
                .title(title)
                .url(message ? SlackDelivery.permalink(channel, ts, null) : null)
                .subject(message ? SlackEntities.message(channel, ts, null) : null)
                .subject(SlackEntities.channel(channel, null))
                .subject(SlackEntities.person(itemUser, null))
                .attribute("reaction", reaction)
                .attribute("item_type", itemType)
                .attribute("channel", channel)
                .attribute("item_ts", ts)
                .attribute("item_user", itemUser)
                .attribute("approves_decision", message && SlackDecisions.approves(reaction) ? true : null)
                .build());
    }
}
