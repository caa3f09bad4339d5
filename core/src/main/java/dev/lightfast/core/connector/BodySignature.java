package dev.lightfast.core.connector;

import java.time.Instant;

/**
 * A delivery's signature, checked while its body arrives. It is started from the headers alone
 * ({@link WebhookConnector#signature}), so a request that carries no signature of the tool is
 * refused before its body is read; it is fed the body's bytes as they come, so the MAC takes one
 * pass and no copy; and it is checked once the body is complete. Not thread-safe: one per request.
 */
public interface BodySignature {

    /** The next bytes of the body, in order. */
    void update(byte[] bytes, int offset, int length);

    /**
     * Checks the signature over every byte given to {@link #update}, then whatever the tool signs
     * besides (a timestamp against the replay window).
     *
     * @param request the whole delivery, its body the bytes given to {@link #update}
     * @throws WebhookRejected UNAUTHENTICATED when it does not match or the delivery is stale
     */
    void verify(WebhookRequest request, Instant now);
}
