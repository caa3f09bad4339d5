package dev.lightfast.connectors.linear;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.connectors.WebhookJson;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.HmacBodySignature;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.time.Instant;

/**
 * Checks Linear's {@code Linear-Signature}: the hex HMAC-SHA256 of the exact body under the
 * webhook's signing secret, compared in constant time. Linear puts the time it sent the delivery,
 * {@code webhookTimestamp} (milliseconds), inside the signed body rather than in a header, so the
 * replay check reads it from the body once the signature has shown the body is Linear's.
 */
public final class LinearWebhookVerifier {
    static final String HEADER = "Linear-Signature";
    static final String TIMESTAMP_FIELD = "webhookTimestamp";

    private final ReplayWindow window;

    public LinearWebhookVerifier(ReplayWindow window) {
        this.window = window;
    }

    /**
     * @throws WebhookRejected UNAUTHENTICATED for a missing or wrong signature or a stale timestamp;
     *     MALFORMED for a correctly signed body that is not JSON
     */
    public void verify(WebhookRequest request, String secret, Instant now) {
        HmacBodySignature.verifyWhole(start(request, secret), request, now);
    }

    /**
     * Checks the header before the body is read, and returns the signature to feed the body to; its
     * verify then checks the signed {@code webhookTimestamp} too.
     *
     * @throws WebhookRejected UNAUTHENTICATED when the header is missing
     */
    public BodySignature start(WebhookRequest request, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the"
                    + " signing secret Linear shows for the webhook");
        }
        String signature = request.header(HEADER);
        if (signature == null || signature.isBlank()) {
            throw rejected("missing " + HEADER + " header: Linear signs every webhook delivery; is this"
                    + " request from Linear?");
        }
        return HmacBodySignature.start(
                "HmacSHA256",
                secret,
                null,
                signature.strip(),
                () -> rejected(HEADER + " does not match the body: check that this connection's secret is the"
                        + " webhook's signing secret in Linear (Settings → API → Webhooks), and that nothing"
                        + " between Linear and this server changes the body"),
                this::checkTimestamp);
    }

    private void checkTimestamp(WebhookRequest request, Instant now) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        Instant sent =
                PayloadFields.epochMillis(WebhookJson.object(body, "Linear").path(TIMESTAMP_FIELD));
        if (sent == null) {
            throw rejected("the body has no " + TIMESTAMP_FIELD + " (milliseconds since the epoch), which"
                    + " Linear sends with every delivery; without it a replayed delivery cannot be told apart");
        }
        window.check(TIMESTAMP_FIELD, sent, now);
    }

    private static WebhookRejected rejected(String message) {
        return new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, message);
    }
}
