package dev.lightfast.connectors.vercel;

import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.HmacBodySignature;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Vercel's {@code x-vercel-signature}: the hex HMAC-SHA1 of the exact body under the
 * webhook's secret, compared in constant time. SHA-1 is what Vercel signs with; as an HMAC it is
 * still sound, and there is no stronger header to prefer.
 *
 * <p>There is no replay window: Vercel sends no time of sending. The body's {@code createdAt} is
 * when the event happened and stays the same when Vercel retries a delivery hours later, so a
 * window on it would refuse Vercel's own retries. A replay is stopped by the delivery's {@code id}
 * instead: the same id is stored once.
 */
public final class VercelWebhookVerifier {
    static final String HEADER = "x-vercel-signature";

    /** @throws WebhookRejected UNAUTHENTICATED for a missing or wrong signature */
    public void verify(WebhookRequest request, String secret) {
        HmacBodySignature.verifyWhole(start(request, secret), request, Instant.EPOCH);
    }

    /**
     * Checks the header before the body is read, and returns the signature to feed the body to.
     *
     * @throws WebhookRejected UNAUTHENTICATED when the header is missing
     */
    public BodySignature start(WebhookRequest request, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the secret"
                    + " Vercel shows when the webhook is created");
        }
        String signature = request.header(HEADER);
        if (signature == null || signature.isBlank()) {
            throw rejected("missing " + HEADER + " header: Vercel signs every webhook delivery; is this request"
                    + " from Vercel?");
        }
        return HmacBodySignature.start(
                "HmacSHA1",
                secret,
                null,
                signature.strip(),
                () -> rejected(HEADER + " does not match the body: check that this connection's secret is the"
                        + " webhook's secret in Vercel (Team Settings → Webhooks), and that nothing between Vercel"
                        + " and this server changes the body"),
                HmacBodySignature.Then.NOTHING);
    }

    static byte[] hmacSha1(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    private static WebhookRejected rejected(String message) {
        return new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, message);
    }
}
