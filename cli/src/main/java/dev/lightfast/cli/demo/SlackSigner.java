package dev.lightfast.cli.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Slack (Events API): {@code X-Slack-Request-Timestamp} in seconds and {@code X-Slack-Signature:
 * v0=<hex HMAC-SHA256("v0:" + timestamp + ":" + body)>} with the app's signing secret.
 */
public record SlackSigner() implements WebhookSigner {
    @Override
    public SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now) {
        byte[] body = delivery.bodyBytes();
        String timestamp = Long.toString(now.getEpochSecond());
        var headers = new LinkedHashMap<>(delivery.headers());
        headers.put("X-Slack-Request-Timestamp", timestamp);
        headers.put("X-Slack-Signature", signature(secret, timestamp, body));
        return new SignedDelivery(headers, body);
    }

    /** The header's value: the signature of {@code v0:<timestamp>:<body>}. */
    static String signature(String secret, String timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(body, 0, base, prefix.length, body.length);
        return "v0=" + Hmac.sha256Hex(secret, base);
    }
}
