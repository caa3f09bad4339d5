package dev.lightfast.emulators.slack;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/** The Events API's {@code message} event for a posted message, signed as Slack signs requests (v0). */
final class SlackWebhooks {
    private final AtomicLong events = new AtomicLong();

    OutgoingWebhook messagePosted(SlackState.Channel channel, SlackState.Message m) {
        ObjectNode event = SlackState.messageJson(m, false)
                .put("channel", channel.id())
                .put("channel_type", "channel")
                .put("event_ts", m.ts());
        ObjectNode envelope = Json.MAPPER
                .createObjectNode()
                .put("token", "emulated-verification-token")
                .put("team_id", SlackState.TEAM)
                .put("api_app_id", "A0LIGHTFAST")
                .put("type", "event_callback")
                .put("event_id", "Ev" + String.format("%010d", events.incrementAndGet()))
                .put("event_time", Instant.now().getEpochSecond());
        envelope.set("event", event);
        return new OutgoingWebhook("message", Map.of(), Json.MAPPER.writeValueAsBytes(envelope));
    }

    static Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        String ts = Long.toString(Instant.now().getEpochSecond());
        byte[] prefix = ("v0:" + ts + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + webhook.body().length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(webhook.body(), 0, signed, prefix.length, webhook.body().length);
        return Map.of(
                "Content-Type",
                "application/json",
                "User-Agent",
                "Slackbot 1.0 (+https://api.slack.com/robots)",
                "X-Slack-Request-Timestamp",
                ts,
                "X-Slack-Signature",
                "v0=" + HmacSignatures.hmacSha256Hex(secret, signed));
    }
}
