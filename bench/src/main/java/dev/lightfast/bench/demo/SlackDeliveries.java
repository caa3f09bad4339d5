package dev.lightfast.bench.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's side of the story: Events API {@code event_callback} envelopes (the shape of Slack's own
 * SDK samples) for messages, thread replies, edits and reactions in the team's channels. Message
 * text is Slack's markup ({@code <https://...>} for links, {@code <@U...>} for people), with the
 * same content as rich-text blocks, as Slack sends both.
 */
final class SlackDeliveries {
    private static final String TEAM_ID = "T04LDGR7K2P";
    private static final String APP_ID = "A05LFAST9QZ";
    private static final String BOT_USER = "U05LFASTB0T";
    private static final String VERIFICATION_TOKEN = StoryIds.base62("slack verification token", 24);
    private static final Pattern MARKUP =
            Pattern.compile("<(@U[A-Z0-9]+|https?://[^>|]+)(?:\\|([^>]+))?>|:([a-z0-9_+-]+):");

    static final Map<String, String> CHANNELS =
            Map.of("eng", "C04ENG7Q1B2", "incidents", "C05INC8R2D4", "payments", "C04PAY3X9K1");

    /** A message as Slack identifies it: channel and timestamp. */
    record Message(
            String channel,
            String ts,
            Person author,
            String text,
            String threadTs,
            Person threadAuthor,
            Delivery delivery) {}

    private final History history;
    private final JsonMapper mapper;

    SlackDeliveries(History history, JsonMapper mapper) {
        this.history = history;
        this.mapper = mapper;
    }

    /** A new message in a channel. */
    Message post(String channel, Person author, String text, Instant at) {
        return message(channelId(channel), author, text, null, null, at);
    }

    /** A reply in the thread of {@code parent}. */
    Message reply(Message parent, Person author, String text, Instant at) {
        boolean root = parent.threadTs() == null;
        return message(
                parent.channel(),
                author,
                text,
                root ? parent.ts() : parent.threadTs(),
                root ? parent.author() : parent.threadAuthor(),
                at);
    }

    private Message message(
            String channelId, Person author, String text, String threadTs, Person threadAuthor, Instant at) {
        String ts = ts(at);
        var event = mapper.createObjectNode();
        event.put("user", author.slackId());
        event.put("type", "message");
        event.put("ts", ts);
        event.put("client_msg_id", StoryIds.uuid("slack message " + channelId + " " + ts));
        event.put("text", text);
        event.put("team", TEAM_ID);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
            event.put("parent_user_id", threadAuthor.slackId());
        }
        event.set("blocks", blocks(text, ts));
        event.put("channel", channelId);
        event.put("event_ts", ts);
        event.put("channel_type", "channel");
        Delivery d = add("message", event, channelId, at);
        return new Message(channelId, ts, author, text, threadTs, threadAuthor, d);
    }

    /** The author edits a message: Slack sends a {@code message_changed} with the old and new text. */
    Delivery edit(Message original, String newText, Instant at) {
        String eventTs = ts(at);
        var event = mapper.createObjectNode();
        event.put("type", "message");
        event.put("subtype", "message_changed");
        var message = event.putObject("message");
        message.put("user", original.author().slackId());
        message.put("type", "message");
        var edited = message.putObject("edited");
        edited.put("user", original.author().slackId());
        edited.put("ts", eventTs);
        message.put("client_msg_id", StoryIds.uuid("slack message " + original.channel() + " " + original.ts()));
        message.put("text", newText);
        message.put("team", TEAM_ID);
        if (original.threadTs() != null) {
            message.put("thread_ts", original.threadTs());
            message.put("parent_user_id", original.threadAuthor().slackId());
        }
        message.set("blocks", blocks(newText, original.ts()));
        message.put("ts", original.ts());
        message.put("source_team", TEAM_ID);
        message.put("user_team", TEAM_ID);
        var previous = event.putObject("previous_message");
        previous.put("user", original.author().slackId());
        previous.put("type", "message");
        previous.put("ts", original.ts());
        previous.put("client_msg_id", StoryIds.uuid("slack message " + original.channel() + " " + original.ts()));
        previous.put("text", original.text());
        previous.put("team", TEAM_ID);
        previous.set("blocks", blocks(original.text(), original.ts()));
        event.put("channel", original.channel());
        event.put("hidden", true);
        event.put("ts", eventTs);
        event.put("event_ts", eventTs);
        event.put("channel_type", "channel");
        return add("message", event, original.channel(), at);
    }

    /** A reaction (an emoji name without colons, e.g. {@code white_check_mark}) on a message. */
    Delivery react(Message message, Person by, String reaction, Instant at) {
        var event = mapper.createObjectNode();
        event.put("type", "reaction_added");
        event.put("user", by.slackId());
        var item = event.putObject("item");
        item.put("type", "message");
        item.put("channel", message.channel());
        item.put("ts", message.ts());
        event.put("reaction", reaction);
        event.put("item_user", message.author().slackId());
        event.put("event_ts", ts(at));
        return add("reaction_added", event, message.channel(), at);
    }

    /**
     * A member changes their profile status: Slack sends {@code user_change} with the whole user,
     * profile and (with the {@code users:read.email} scope) email included. It is what ties a Slack
     * member id to a person's work address.
     */
    Delivery statusChanged(
            Person person,
            String title,
            ZoneId zone,
            String statusText,
            String statusEmoji,
            Instant expires,
            Instant at) {
        var user = mapper.createObjectNode();
        user.put("id", person.slackId());
        user.put("team_id", TEAM_ID);
        user.put("name", person.handle());
        user.put("deleted", false);
        user.put("color", StoryIds.base62("slack color " + person.slackId(), 6).toLowerCase());
        user.put("real_name", person.name());
        user.put("tz", zone.getId());
        int offset = zone.getRules().getOffset(at).getTotalSeconds();
        user.put(
                "tz_label",
                java.util.TimeZone.getTimeZone(zone)
                        .getDisplayName(
                                zone.getRules().isDaylightSavings(at),
                                java.util.TimeZone.LONG,
                                java.util.Locale.ENGLISH));
        user.put("tz_offset", offset);
        var profile = user.putObject("profile");
        String hash = StoryIds.base62("slack avatar " + person.slackId(), 12).toLowerCase();
        profile.put("title", title);
        profile.put("phone", "");
        profile.put("skype", "");
        profile.put("real_name", person.name());
        profile.put("real_name_normalized", person.name());
        profile.put("display_name", person.name().substring(0, person.name().indexOf(' ')));
        profile.put(
                "display_name_normalized",
                person.name().substring(0, person.name().indexOf(' ')));
        profile.put("status_text", statusText);
        profile.put("status_emoji", statusEmoji);
        profile.put("status_expiration", expires == null ? 0 : expires.getEpochSecond());
        profile.put("avatar_hash", hash);
        profile.put("email", person.email());
        profile.put("first_name", person.name().substring(0, person.name().indexOf(' ')));
        profile.put("last_name", person.name().substring(person.name().indexOf(' ') + 1));
        for (int size : new int[] {24, 32, 48, 72, 192, 512}) {
            profile.put(
                    "image_" + size,
                    "https://avatars.slack-edge.com/2025-02-11/" + person.slackId() + "_" + hash + "_" + size + ".png");
        }
        profile.put("team", TEAM_ID);
        user.put("is_admin", false);
        user.put("is_owner", false);
        user.put("is_primary_owner", false);
        user.put("is_restricted", false);
        user.put("is_ultra_restricted", false);
        user.put("is_bot", false);
        user.put("is_app_user", false);
        user.put("updated", at.getEpochSecond());
        user.put("is_email_confirmed", true);
        user.put("who_can_share_contact_card", "EVERYONE");
        user.put("locale", "en-GB");
        var event = mapper.createObjectNode();
        event.put("type", "user_change");
        event.set("user", user);
        event.put("cache_ts", at.getEpochSecond());
        event.put("event_ts", ts(at));
        return add("user_change", event, null, at);
    }

    /** Slack's permalink to a message, as people paste it. */
    static String permalink(Message message) {
        String link = "https://" + Team.ORG + ".slack.com/archives/" + message.channel() + "/p"
                + message.ts().replace(".", "");
        return message.threadTs() == null
                ? link
                : link + "?thread_ts=" + message.threadTs() + "&cid=" + message.channel();
    }

    static String channelId(String channel) {
        String id = CHANNELS.get(channel);
        if (id == null) {
            throw new IllegalArgumentException("no channel #" + channel);
        }
        return id;
    }

    /** Slack timestamps are epoch seconds with a unique six-digit suffix. */
    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", Math.floorMod((at.toString()).hashCode(), 1_000_000));
    }

    /** The rich-text blocks Slack sends beside the text: plain text, links, mentions and emoji. */
    private ArrayNode blocks(String text, String ts) {
        ArrayNode blocks = mapper.createArrayNode();
        var block = blocks.addObject();
        block.put("type", "rich_text");
        block.put("block_id", StoryIds.base62("block " + ts + text.length(), 5));
        var section = block.putArray("elements").addObject();
        section.put("type", "rich_text_section");
        ArrayNode elements = section.putArray("elements");
        Matcher m = MARKUP.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                elements.addObject().put("type", "text").put("text", unescape(text.substring(last, m.start())));
            }
            if (m.group(3) != null) {
                elements.addObject().put("type", "emoji").put("name", m.group(3));
            } else if (m.group(1).startsWith("@")) {
                elements.addObject()
                        .put("type", "user")
                        .put("user_id", m.group(1).substring(1));
            } else {
                var link = elements.addObject().put("type", "link").put("url", m.group(1));
                if (m.group(2) != null) {
                    link.put("text", m.group(2));
                }
            }
            last = m.end();
        }
        if (last < text.length()) {
            elements.addObject().put("type", "text").put("text", unescape(text.substring(last)));
        }
        return blocks;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private Delivery add(String kind, ObjectNode event, String channelId, Instant at) {
        String eventId = "Ev0"
                + StoryIds.slack(
                        "slack event " + event.path("ts").asString("")
                                + event.path("event_ts").asString("") + kind
                                + (event.path("user").isString()
                                        ? event.path("user").asString()
                                        : ""),
                        8);
        var body = mapper.createObjectNode();
        body.put("token", VERIFICATION_TOKEN);
        body.put("team_id", TEAM_ID);
        body.put("context_team_id", TEAM_ID);
        body.putNull("context_enterprise_id");
        body.put("api_app_id", APP_ID);
        body.set("event", event);
        body.put("type", "event_callback");
        body.put("event_id", eventId);
        body.put("event_time", at.getEpochSecond());
        var authorization = body.putArray("authorizations").addObject();
        authorization.putNull("enterprise_id");
        authorization.put("team_id", TEAM_ID);
        authorization.put("user_id", BOT_USER);
        authorization.put("is_bot", true);
        authorization.put("is_enterprise_install", false);
        body.put("is_ext_shared_channel", false);
        String context = "{\"et\":\"" + event.path("type").asString("") + "\",\"tid\":\"" + TEAM_ID + "\",\"aid\":\""
                + APP_ID + "\"" + (channelId == null ? "" : ",\"cid\":\"" + channelId + "\"") + "}";
        body.put(
                "event_context",
                "4-"
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(context.getBytes(StandardCharsets.UTF_8)));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        return history.add(new Delivery("slack", kind, eventId, at, headers, body, null, null));
    }
}
