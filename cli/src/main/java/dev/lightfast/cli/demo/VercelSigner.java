package dev.lightfast.cli.demo;

import java.time.Instant;
import java.util.LinkedHashMap;

/** Vercel: {@code x-vercel-signature: <hex HMAC-SHA1(body)>}; no timestamp. */
public record VercelSigner() implements WebhookSigner {
    @Override
    public SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now) {
        byte[] body = delivery.bodyBytes();
        var headers = new LinkedHashMap<>(delivery.headers());
        headers.put("x-vercel-signature", signature(secret, body));
        return new SignedDelivery(headers, body);
    }

    /** The header's value for a body. */
    static String signature(String secret, byte[] body) {
        return Hmac.sha1Hex(secret, body);
    }
}
