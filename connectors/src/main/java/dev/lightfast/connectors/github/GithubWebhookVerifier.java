package dev.lightfast.connectors.github;

import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.HmacBodySignature;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.time.Instant;

/**
 * Checks GitHub's {@code X-Hub-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the exact body
 * under the webhook's secret, in constant time. The older SHA-1 {@code X-Hub-Signature} is not
 * accepted: GitHub sends both, and accepting the weaker one would make the stronger pointless.
 * GitHub signs no timestamp and no delivery id, so a replay is not refused here: the log stores an
 * identical body on one connection once (see {@code WebhookIngestion}).
 */
public final class GithubWebhookVerifier {
    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    /**
     * @throws WebhookRejected with {@link WebhookRejected.Reason#UNAUTHENTICATED} and a message
     *     saying what to fix, unless the signature matches
     */
    public void verify(WebhookRequest request, String secret) {
        HmacBodySignature.verifyWhole(start(request, secret), request, Instant.EPOCH);
    }

    /**
     * Checks the header before the body is read, and returns the signature to feed the body to.
     *
     * @throws WebhookRejected UNAUTHENTICATED when the header is missing or malformed
     */
    public BodySignature start(WebhookRequest request, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw rejected("this connection has no webhook secret; create the connection again with the secret set"
                    + " on the GitHub webhook");
        }
        String header = request.header(HEADER);
        if (header == null || header.isBlank()) {
            String hint = request.header("X-Hub-Signature") != null
                    ? "only the SHA-1 X-Hub-Signature was sent; SHA-256 is required"
                    : "set a secret on the GitHub webhook so that GitHub signs its deliveries";
            throw rejected("missing " + HEADER + " header: " + hint);
        }
        String value = header.strip();
        if (!value.startsWith(PREFIX)) {
            throw rejected(HEADER + " must look like 'sha256=<64 hex digits>'");
        }
        return HmacBodySignature.start(
                "HmacSHA256",
                secret,
                null,
                value.substring(PREFIX.length()),
                () -> rejected(HEADER
                        + " does not match the body: check that the webhook's secret on GitHub equals this"
                        + " connection's secret, and that nothing between GitHub and this server changes the"
                        + " body"),
                HmacBodySignature.Then.NOTHING);
    }

    private static WebhookRejected rejected(String message) {
        return new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, message);
    }
}
