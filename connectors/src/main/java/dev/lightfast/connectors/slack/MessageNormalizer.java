package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code message}: a new message is {@code slack.message.posted} (a thread reply too, with its
 * thread); an edit ({@code message_changed}) is {@code slack.message.edited} and a deletion ({@code
 * message_deleted}) {@code slack.message.deleted}, each a new event about the same message, since
 * the log never changes what it stored. Other subtypes (a member joined, a topic set) are {@code
 * slack.message.<subtype>}. A message whose words record a decision says so in {@code decision}
 * and {@code decision_phrase}, which the graph turns into a decision entity.
 */
final class MessageNormalizer implements SlackNormalizer {
    private static final int TITLE_QUOTE = 160;
    /** Subtypes that are people (or apps) posting, as opposed to Slack reporting a change. */
    private static final Set<String> POSTS = Set.of("thread_broadcast", "file_share", "me_message", "bot_message");

    @Override
    public List<EventDraft> normalize(SlackDelivery d) {
        JsonNode event = d.event();
        String subtype = text(event.path("subtype"));
        String channel = text(event.path("channel"));
        if ("message_changed".equals(subtype)) {
            return List.of(edited(d, event, channel));
        }
        if ("message_deleted".equals(subtype)) {
            return List.of(deleted(d, event, channel));
        }
        String verb = subtype == null || POSTS.contains(subtype) ? "posted" : subtype;
        return List.of(message(d, event, channel, verb, subtype).build());
    }

    /** A message as posted, or as it reads after an edit. */
    private static EventDraft.Builder message(
            SlackDelivery d, JsonNode message, String channel, String verb, String subtype) {
        String ts = text(message.path("ts"));
        String threadTs = text(message.path("thread_ts"));
        boolean reply = threadTs != null && !threadTs.equals(ts);
        String text = text(message.path("text"));
        String author = PayloadFields.or(text(message.path("user")), text(message.path("bot_id")));
        String name = PayloadFields.or(
                d.userName(),
                PayloadFields.or(
                        text(message.path("username")),
                        PayloadFields.or(text(message.path("bot_profile").path("name")), author)));
        String quote = SlackText.excerpt(text, TITLE_QUOTE);
        String where = channel == null ? "" : " in " + channel + (reply ? " (thread)" : "");
        String phrase = SlackDecisions.phraseIn(text);
        String what = switch (verb) {
            case "posted" -> "";
            case "edited" -> " (edited)";
            default -> " (" + verb.replace('_', ' ') + ")";
        };
        return d.draft("message", verb)
                .actor(SlackEntities.person(author, d.userName()))
                .title(PayloadFields.or(name, "Someone") + where + what + (quote != null ? ": " + quote : ""))
                .body(text)
                .url(SlackDelivery.permalink(channel, ts, threadTs))
                .occurredAt(d.occurredAt(message.path("ts")))
                .subject(SlackEntities.message(channel, ts, text))
                .subject(SlackEntities.channel(channel, null))
                .subject(reply ? SlackEntities.thread(channel, threadTs) : null)
                .subject(SlackEntities.person(author, d.userName()))
                .attribute("user_id", author)
                .attribute("channel", channel)
                .attribute("channel_type", text(d.event().path("channel_type")))
                .attribute("ts", ts)
                .attribute("thread_ts", threadTs)
                .attribute("is_reply", reply ? true : null)
                .attribute("subtype", subtype)
                .attribute("bot_id", text(message.path("bot_id")))
                .attribute("decision", phrase != null ? true : null)
                .attribute("decision_phrase", phrase);
    }

    private static EventDraft edited(SlackDelivery d, JsonNode event, String channel) {
        JsonNode message = event.path("message");
        String previous = text(event.path("previous_message").path("text"));
        return message(d, message, channel, "edited", "message_changed")
                .occurredAt(d.occurredAt(message.path("edited").path("ts"), event.path("event_ts"), event.path("ts")))
                .attribute("previous_text", previous)
                .attribute("edited_by", text(message.path("edited").path("user")))
                .build();
    }

    private static EventDraft deleted(SlackDelivery d, JsonNode event, String channel) {
        JsonNode previous = event.path("previous_message");
        String ts = PayloadFields.or(text(event.path("deleted_ts")), text(previous.path("ts")));
        String author = text(previous.path("user"));
        String threadTs = text(previous.path("thread_ts"));
        return d.draft("message", "deleted")
                .actor(null)
                .title("A message" + (author != null ? " by " + author : "") + (channel != null ? " in " + channel : "")
                        + " was deleted")
                .url(SlackDelivery.permalink(channel, ts, threadTs))
                .occurredAt(d.occurredAt(event.path("event_ts"), event.path("ts")))
                .subject(SlackEntities.message(channel, ts, null))
                .subject(SlackEntities.channel(channel, null))
                .subject(SlackEntities.person(author, null))
                .attribute("author_id", author)
                .attribute("channel", channel)
                .attribute("ts", ts)
                .attribute("thread_ts", threadTs)
                .attribute("subtype", "message_deleted")
                .build();
    }
}
