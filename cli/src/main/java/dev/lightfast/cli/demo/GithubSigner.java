package dev.lightfast.cli.demo;

import java.time.Instant;
import java.util.LinkedHashMap;

/** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>}; no timestamp. */
public record GithubSigner() implements WebhookSigner {
    @Override
    public SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now) {
        byte[] body = delivery.bodyBytes();
        var headers = new LinkedHashMap<>(delivery.headers());
        headers.put("X-Hub-Signature-256", signature(secret, body));
        return new SignedDelivery(headers, body);
    }

    /** The header's value for a body. */
    static String signature(String secret, byte[] body) {
        return "sha256=" + Hmac.sha256Hex(secret, body);
    }
}
