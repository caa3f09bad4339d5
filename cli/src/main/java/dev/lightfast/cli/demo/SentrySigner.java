package dev.lightfast.cli.demo;

import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Sentry (integration platform): {@code Sentry-Hook-Signature: <hex HMAC-SHA256(body)>} with the
 * client secret, and {@code Sentry-Hook-Timestamp} in seconds.
 */
public record SentrySigner() implements WebhookSigner {
    @Override
    public SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now) {
        byte[] body = delivery.bodyBytes();
        var headers = new LinkedHashMap<>(delivery.headers());
        headers.put("Sentry-Hook-Timestamp", Long.toString(now.getEpochSecond()));
        headers.put("Sentry-Hook-Signature", signature(secret, body));
        return new SignedDelivery(headers, body);
    }

    /** The header's value for a body. */
    static String signature(String secret, byte[] body) {
        return Hmac.sha256Hex(secret, body);
    }
}
