package dev.lightfast.cli.demo;

import java.time.Instant;
import java.util.LinkedHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linear: {@code Linear-Signature: <hex HMAC-SHA256(body)>}, where the body carries {@code
 * webhookTimestamp} (milliseconds) that receivers check against their clock; it is set to now
 * before signing.
 */
public record LinearSigner() implements WebhookSigner {
    @Override
    public SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now) {
        ObjectNode copy = delivery.body().deepCopy();
        copy.put("webhookTimestamp", now.toEpochMilli());
        byte[] body = RecordedDelivery.MAPPER.writeValueAsBytes(copy);
        var headers = new LinkedHashMap<>(delivery.headers());
        headers.put("Linear-Signature", signature(secret, body));
        return new SignedDelivery(headers, body);
    }

    /** The header's value for a body (which already holds its webhookTimestamp). */
    static String signature(String secret, byte[] body) {
        return Hmac.sha256Hex(secret, body);
    }
}
