package dev.lightfast.connectors.sentry;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.HmacBodySignature;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.time.Instant;

/**
 * Checks Sentry's {@code Sentry-Hook-Signature}: the hex HMAC-SHA256 of the exact body under the
 * integration's client secret, compared in constant time; then {@code Sentry-Hook-Timestamp}
 * (seconds) against the replay window.
 *
 * <p>Sentry signs neither the timestamp nor {@code Request-ID}: the window refuses a delivery
 * replayed with its original headers, but a replayer who rewrites the timestamp and sends a new
 * {@code Request-ID} passes both checks. What stops that replay is the log: an identical signed
 * body on one connection is stored once within {@code WebhookIngestion}'s replay window, whatever
 * its headers say (see the README's table of what each tool signs).
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
        HmacBodySignature.verifyWhole(start(request, secret), request, now);
    }

    /**
     * Checks the header before the body is read, and returns the signature to feed the body to; its
     * verify then checks the timestamp header too.
     *
     * @throws WebhookRejected UNAUTHENTICATED when the header is missing
     */
    public BodySignature start(WebhookRequest request, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the"
                    + " integration's Client Secret from Sentry");
        }
        String signature = request.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            throw rejected("missing " + SIGNATURE + " header: Sentry signs every integration webhook with the"
                    + " integration's Client Secret; is this request from a Sentry integration?");
        }
        return HmacBodySignature.start(
                "HmacSHA256",
                secret,
                null,
                signature.strip(),
                () -> rejected(SIGNATURE + " does not match the body: check that this connection's secret is the"
                        + " Client Secret of the Sentry integration (Settings → Developer Settings → your"
                        + " integration), not its Client ID, and that nothing between Sentry and this server changes"
                        + " the body"),
                this::checkTimestamp);
    }

    private void checkTimestamp(WebhookRequest request, Instant now) {
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
