package dev.lightfast.connectors.sentry;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.time.Instant;

/**
 * Checks Sentry's {@code Sentry-Hook-Signature}: the hex HMAC-SHA256 of the exact body under the
 * integration's client secret, compared in constant time; then {@code Sentry-Hook-Timestamp}
 * (seconds) against the replay window.
 *
 * <p>Sentry does not sign the timestamp, so the window refuses a delivery replayed with its
 * original headers but not one whose replayer rewrote the header; that one is caught by {@code
 * Request-ID} idempotency, which is signed by nothing either but makes a replay a no-op.
 */
public final class SentryWebhookVerifier {
    static final String SIGNATURE = "Sentry-Hook-Signature";
    static final String TIMESTAMP = "Sentry-Hook-Timestamp";

    private final ReplayWindow window;

    public SentryWebhookVerifier(ReplayWindow window) {
        this.window = window;
    }

    /** @throws WebhookRejected UNAUTHENTICATED for a missing or wrong signature or timestamp */
    public void verify(WebhookRequest request, String secret, Instant now) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the"
                    + " integration's Client Secret from Sentry");
        }
        String signature = request.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            throw rejected("missing " + SIGNATURE + " header: Sentry signs every integration webhook with the"
                    + " integration's Client Secret; is this request from a Sentry integration?");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (!HmacSignatures.hexMatches(signature.strip(), HmacSignatures.hmacSha256(secret, body))) {
            throw rejected(SIGNATURE + " does not match the body: check that this connection's secret is the"
                    + " Client Secret of the Sentry integration (Settings → Developer Settings → your integration),"
                    + " not its Client ID, and that nothing between Sentry and this server changes the body");
        }
        String timestamp = request.header(TIMESTAMP);
        Instant sent = PayloadFields.epochSeconds(timestamp);
        if (sent == null) {
            throw rejected((timestamp == null
                            ? "missing " + TIMESTAMP + " header"
                            : TIMESTAMP + " '" + timestamp + "' is not seconds since the epoch")
                    + ": Sentry sends it with every webhook, and without it a"
                    + " replayed delivery cannot be told apart");
        }
        window.check(TIMESTAMP, sent, now);
    }

    private static WebhookRejected rejected(String message) {
        return new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, message);
    }
}
