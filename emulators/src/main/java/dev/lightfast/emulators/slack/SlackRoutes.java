package dev.lightfast.emulators.slack;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/<method>}: arguments from a JSON body, a form body or the query, as Slack takes them. */
final class SlackRoutes {
    static final List<String> READS = List.of("conversations.history", "conversations.list", "chat.getPermalink");
    private static final int MAX_TEXT = 40_000;

    private final SlackState state;
    private final SlackWebhooks webhooks;

    SlackRoutes(SlackState state, SlackWebhooks webhooks) {
        this.state = state;
        this.webhooks = webhooks;
    }

    EmulatorResponse route(EmulatorRequest req) {
        String method = req.path().startsWith("/api/") ? req.path().substring(5) : "";
        return switch (method) {
            case "chat.postMessage" -> postMessage(req);
            case "chat.getPermalink" -> permalink(req);
            case "conversations.history" -> history(req);
            case "conversations.list" -> list();
            default -> EmulatorResponse.json(404, SlackEmulator.error("unknown_method"));
        };
    }

    private EmulatorResponse postMessage(EmulatorRequest req) {
        JsonNode args = arguments(req);
        String channelArg = args.path("channel").asString("");
        if (channelArg.isBlank()) {
            return ok(SlackEmulator.error("channel_not_found"));
        }
        Optional<SlackState.Channel> channel = state.findChannel(channelArg);
        if (channel.isEmpty()) {
            return ok(SlackEmulator.error("channel_not_found"));
        }
        if (channel.get().archived()) {
            return ok(SlackEmulator.error("is_archived"));
        }
        String text = args.path("text").asString("");
        if (text.isBlank() && !args.has("blocks")) {
            return ok(SlackEmulator.error("no_text"));
        }
        if (text.length() > MAX_TEXT) {
            return ok(SlackEmulator.error("msg_too_long"));
        }
        JsonNode metadata = args.get("metadata");
        if (metadata != null && metadata.isString()) {
            metadata = Json.MAPPER.readTree(metadata.asString());
        }
        if (metadata != null
                && (!metadata.path("event_type").isString()
                        || !metadata.path("event_payload").isObject())) {
            return ok(SlackEmulator.error("invalid_metadata_format"));
        }
        String thread = args.path("thread_ts").asString(null);
        SlackState.Message m = state.post(channel.get(), text, thread, metadata);
        ObjectNode out = Json.MAPPER
                .createObjectNode()
                .put("ok", true)
                .put("channel", channel.get().id())
                .put("ts", m.ts());
        out.set("message", SlackState.messageJson(m, true));
        return ok(out).withWebhooks(List.of(webhooks.messagePosted(channel.get(), m)));
    }

    private EmulatorResponse permalink(EmulatorRequest req) {
        JsonNode args = arguments(req);
        Optional<SlackState.Channel> channel =
                state.findChannel(args.path("channel").asString(""));
        String ts = args.path("message_ts").asString("");
        if (channel.isEmpty()) {
            return ok(SlackEmulator.error("channel_not_found"));
        }
        if (state.messages(channel.get().id()).stream().noneMatch(m -> m.ts().equals(ts))) {
            return ok(SlackEmulator.error("message_not_found"));
        }
        return ok(Json.MAPPER
                .createObjectNode()
                .put("ok", true)
                .put("channel", channel.get().id())
                .put(
                        "permalink",
                        "https://emulated.slack.com/archives/" + channel.get().id() + "/p" + ts.replace(".", "")));
    }

    private EmulatorResponse history(EmulatorRequest req) {
        JsonNode args = arguments(req);
        String id = args.path("channel").asString("");
        Optional<SlackState.Channel> channel = state.findChannel(id).filter(c -> c.id().equals(id));
        if (channel.isEmpty()) {
            return ok(SlackEmulator.error("channel_not_found"));
        }
        boolean withMetadata = "true".equals(args.path("include_all_metadata").asString(""));
        int limit = Math.max(1, Math.min(999, args.path("limit").asInt(100)));
        List<SlackState.Message> all = state.messages(channel.get().id());
        ObjectNode out = Json.MAPPER.createObjectNode().put("ok", true).put("has_more", all.size() > limit);
        ArrayNode ms = out.putArray("messages");
        for (int i = all.size() - 1; i >= 0 && ms.size() < limit; i--) {
            ms.add(SlackState.messageJson(all.get(i), withMetadata));
        }
        return ok(out);
    }

    private EmulatorResponse list() {
        ObjectNode out = Json.MAPPER.createObjectNode().put("ok", true);
        ArrayNode cs = out.putArray("channels");
        for (SlackState.Channel c : state.channels()) {
            cs.addObject()
                    .put("id", c.id())
                    .put("name", c.name())
                    .put("is_channel", true)
                    .put("is_archived", c.archived());
        }
        out.putObject("response_metadata").put("next_cursor", "");
        return ok(out);
    }

    /** Slack takes arguments as JSON, as a form, or in the query string. */
    private static JsonNode arguments(EmulatorRequest req) {
        String type = req.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            return req.json();
        }
        ObjectNode args = Json.MAPPER.createObjectNode();
        req.query().forEach(args::put);
        if (req.body().length > 0) {
            Map<String, String> form = req.form();
            form.forEach(args::put);
        }
        return args;
    }

    private static EmulatorResponse ok(JsonNode body) {
        return EmulatorResponse.json(200, body);
    }
}
