package dev.lightfast.connectors.slack;

import dev.lightfast.core.event.EntityRef;

/**
 * The keys of the things Slack events are about, shaped like Slack's own archive URLs: a channel
 * {@code slack:channel/C0123}, a message {@code slack:channel/C0123/message/1700000000.000100} (a
 * message is its channel and its {@code ts}), a thread by its root's {@code ts}, a person {@code
 * slack:user/U0456}. A decision recorded in a message is keyed by that message, so the same
 * decision found by its words and by a ✅ on it is one entity.
 */
final class SlackEntities {
    private static final int MAX_KEY = 512;
    private static final int LABEL = 80;

    private SlackEntities() {}

    static EntityRef person(String userId, String name) {
        return userId == null ? null : ref("person", "slack:user/" + userId, name != null ? name : userId);
    }

    static EntityRef channel(String channelId, String name) {
        return channelId == null
                ? null
                : ref("channel", "slack:channel/" + channelId, name != null ? "#" + name : channelId);
    }

    static EntityRef message(String channelId, String ts, String text) {
        return channelId == null || ts == null
                ? null
                : ref("message", "slack:channel/" + channelId + "/message/" + ts, label(text, "message " + ts));
    }

    static EntityRef thread(String channelId, String threadTs) {
        return channelId == null || threadTs == null
                ? null
                : ref("thread", "slack:channel/" + channelId + "/thread/" + threadTs, "thread " + threadTs);
    }

    static EntityRef decision(String channelId, String ts, String text) {
        return channelId == null || ts == null
                ? null
                : ref("decision", "slack:channel/" + channelId + "/decision/" + ts, label(text, "decision " + ts));
    }

    private static String label(String text, String fallback) {
        String readable = SlackText.excerpt(text, LABEL);
        return readable != null ? readable : fallback;
    }

    /** Null when the key would be longer than an entity key may be: a payload with a giant id loses one link. */
    private static EntityRef ref(String kind, String key, String label) {
        return key.length() > MAX_KEY ? null : new EntityRef(kind, key, label);
    }
}
