package dev.lightfast.connectors.slack;

import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.HmacBodySignature;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Checks Slack's request signing: {@code X-Slack-Signature: v0=<hex>}, the HMAC-SHA256 under the
 * app's signing secret of {@code v0:<X-Slack-Request-Timestamp>:<exact body>}, compared in constant
 * time; then the timestamp against the replay window. The timestamp is inside what is signed, so
 * a replayer cannot freshen it: a captured request is refused five minutes after Slack sent it.
 */
public final class SlackWebhookVerifier {
    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    private static final String VERSION = "v0";

    private final ReplayWindow window;

    public SlackWebhookVerifier(ReplayWindow window) {
        this.window = window;
    }

    /** @throws WebhookRejected UNAUTHENTICATED for a missing or wrong signature or a stale timestamp */
    public void verify(WebhookRequest request, String secret, Instant now) {
        HmacBodySignature.verifyWhole(start(request, secret), request, now);
    }

    /**
     * Checks the headers before the body is read, and returns the signature to feed the body to: the
     * MAC starts with {@code v0:<timestamp>:}, so the body is never copied behind a prefix.
     *
     * @throws WebhookRejected UNAUTHENTICATED when a header is missing or malformed
     */
    public BodySignature start(WebhookRequest request, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the app's"
                    + " Signing Secret (Slack app settings → Basic Information → App Credentials)");
        }
        String timestamp = request.header(TIMESTAMP);
        String signature = request.header(SIGNATURE);
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw rejected("missing " + (timestamp == null || timestamp.isBlank() ? TIMESTAMP : SIGNATURE)
                    + " header: Slack signs every Events API request; is this request from Slack?");
        }
        String ts = timestamp.strip();
        if (!ts.matches("[0-9]{1,12}")) {
            throw rejected(TIMESTAMP + " must be whole seconds since the epoch, got '" + ts + "'");
        }
        String sig = signature.strip();
        if (!sig.startsWith(VERSION + "=")) {
            throw rejected(SIGNATURE + " must look like 'v0=<64 hex digits>'; only version v0 is defined");
        }
        return HmacBodySignature.start(
                "HmacSHA256",
                secret,
                (VERSION + ":" + ts + ":").getBytes(StandardCharsets.US_ASCII),
                sig.substring(VERSION.length() + 1),
                () -> rejected(SIGNATURE + " does not match the timestamp and body: check that this connection's"
                        + " secret is the app's Signing Secret (not its verification token or client secret), and"
                        + " that nothing between Slack and this server changes the body"),
                (r, now) -> window.check(TIMESTAMP, Instant.ofEpochSecond(Long.parseLong(ts)), now));
    }

    private static WebhookRejected rejected(String message) {
        return new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, message);
    }
}
