package dev.lightfast.emulators.slack;

import dev.lightfast.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Channels and their messages, and the bot the token belongs to. */
public final class SlackState {
    public static final String TEAM = "T0EMULATED";
    public static final String BOT_USER = "U0LIGHTFAST";
    public static final String BOT_ID = "B0LIGHTFAST";

    public record Channel(String id, String name, boolean archived) {}

    /** One message; {@code metadata} is null when the poster gave none. */
    public record Message(String ts, String user, String botId, String text, String threadTs, JsonNode metadata) {}

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();
    private long clock = 1_700_000_000L;
    private int seq;

    public synchronized SlackState channel(String id, String name) {
        channels.put(id, new Channel(id, name, false));
        messages.putIfAbsent(id, new ArrayList<>());
        return this;
    }

    public synchronized SlackState archivedChannel(String id, String name) {
        channels.put(id, new Channel(id, name, true));
        messages.putIfAbsent(id, new ArrayList<>());
        return this;
    }

    /** By id, or by name with or without {@code #}, as {@code chat.postMessage} accepts. */
    public synchronized Optional<Channel> findChannel(String idOrName) {
        if (channels.containsKey(idOrName)) {
            return Optional.of(channels.get(idOrName));
        }
        String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public synchronized List<Message> messages(String channelId) {
        return List.copyOf(messages.getOrDefault(channelId, List.of()));
    }

    synchronized List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    synchronized Message post(Channel channel, String text, String threadTs, JsonNode metadata) {
        // Slack's ts is seconds.micro and unique per channel.
        String ts = (clock++) + "." + String.format("%06d", ++seq);
        var m = new Message(ts, BOT_USER, BOT_ID, text, threadTs, metadata);
        messages.get(channel.id()).add(m);
        return m;
    }

    static ObjectNode messageJson(Message m, boolean withMetadata) {
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("type", "message")
                .put("user", m.user())
                .put("bot_id", m.botId())
                .put("app_id", "A0LIGHTFAST")
                .put("text", m.text())
                .put("ts", m.ts())
                .put("team", TEAM);
        if (m.threadTs() != null) {
            n.put("thread_ts", m.threadTs());
        }
        if (withMetadata && m.metadata() != null) {
            n.set("metadata", m.metadata());
        }
        return n;
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode cs = out.putArray("channels");
        for (Channel c : channels.values()) {
            ObjectNode cn =
                    cs.addObject().put("id", c.id()).put("name", c.name()).put("is_archived", c.archived());
            ArrayNode ms = cn.putArray("messages");
            messages.get(c.id()).forEach(m -> ms.add(messageJson(m, true)));
        }
        return out;
    }
}
