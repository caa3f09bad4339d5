package dev.lightfast.core.connector;

import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GenericGraph;
import dev.lightfast.core.graph.GraphExtractor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One tool's webhook ingress: how it signs, how it names deliveries, and how its payloads map
 * onto canonical events. Implementations are stateless and thread-safe.
 */
public interface WebhookConnector {

    /** The path segment and event source, e.g. the tool's name. */
    String provider();

    /**
     * The entity key prefixes (before the colon) of the things that live in this tool: its own name,
     * and any shared prefix it is the home of (the code host's commits, keyed so every tool meets them).
     */
    default Set<String> keyPrefixes() {
        return Set.of(provider());
    }

    /** Lower-case names of the headers worth keeping with the raw payload. */
    Set<String> keptHeaders();

    /**
     * Checks the tool's signature over the exact body bytes.
     *
     * @throws WebhookRejected with {@link WebhookRejected.Reason#UNAUTHENTICATED} when missing or wrong
     */
    void verify(WebhookRequest request, String secret, Instant now);

    /**
     * Starts checking a delivery's signature from its headers alone, before the body is read: a
     * request without the tool's signature header is refused then, and the MAC is computed as the
     * body streams in. The default reads nothing early and checks the whole body with {@link #verify}.
     *
     * @param head the request's headers; its body is not read (it has not arrived yet)
     * @throws WebhookRejected with {@link WebhookRejected.Reason#UNAUTHENTICATED} when the headers
     *     already show the request is not signed by the tool
     */
    default BodySignature signature(WebhookRequest head, String secret) {
        return new BodySignature() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                // the whole body is checked at the end
            }

            @Override
            public void verify(WebhookRequest request, Instant now) {
                WebhookConnector.this.verify(request, secret, now);
            }
        };
    }

    /**
     * Parses a verified delivery.
     *
     * @throws WebhookRejected with {@link WebhookRejected.Reason#MALFORMED} when it is not the tool's format
     */
    Reception receive(WebhookRequest request);

    /**
     * Maps a delivery onto canonical events. Never empty: a delivery the connector does not know
     * still becomes one raw event, so that nothing is dropped.
     *
     * @param receivedAt our time of receipt, used when the payload carries no time of its own
     */
    List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt);

    /**
     * The one raw event kept when {@link #normalize} cannot make sense of a payload (a shape the
     * tool changed, a field it left out). It must not fail on any JSON object.
     */
    EventDraft raw(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt);

    /**
     * How this tool's events become graph facts and how its things are named in text. Registering
     * the connector registers this too: a new tool needs no other wiring.
     */
    default GraphExtractor graph() {
        return GenericGraph.INSTANCE;
    }

    /**
     * How this tool's events state claims (its own record of its things' states, what its people
     * said), which truth is computed from. Registering the connector registers this too.
     */
    default dev.lightfast.core.claim.ClaimExtractor claims() {
        return dev.lightfast.core.claim.ClaimExtractor.NONE;
    }
}
