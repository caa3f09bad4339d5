package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.WebhookJson;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GraphExtractor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Vercel's webhook ingress. Vercel sends no event or delivery header; the body says both: {@code
 * type} names the event and {@code id} identifies it, and is the idempotency key because it is the
 * same on every retry of the event. Stateless and thread-safe.
 */
public final class VercelConnector implements WebhookConnector {
    public static final String PROVIDER = "vercel";
    private static final int MAX_KEY = 256;

    private static final Set<String> KEPT_HEADERS = Set.of("user-agent", "content-type");
    private static final DeploymentNormalizer DEPLOYMENTS = new DeploymentNormalizer();
    private static final GraphExtractor GRAPH = new VercelGraph();
    private static final dev.lightfast.core.claim.ClaimExtractor CLAIMS = new VercelClaims();

    private final VercelWebhookVerifier verifier = new VercelWebhookVerifier();

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Set<String> keptHeaders() {
        return KEPT_HEADERS;
    }

    /** Vercel signs no time, so {@code now} plays no part; see {@link VercelWebhookVerifier}. */
    @Override
    public void verify(WebhookRequest request, String secret, Instant now) {
        verifier.verify(request, secret);
    }

    @Override
    public BodySignature signature(WebhookRequest head, String secret) {
        return verifier.start(head, secret);
    }

    @Override
    public Reception receive(WebhookRequest request) {
        JsonNode body = WebhookJson.object(request.body(), "Vercel");
        String id = text(body.path("id"));
        String type = text(body.path("type"));
        if (id == null || type == null) {
            throw WebhookJson.malformed(
                    "Vercel",
                    "the body must have an 'id' and a 'type' (e.g. deployment.succeeded),"
                            + " as every Vercel webhook does");
        }
        if (id.length() > MAX_KEY) {
            throw WebhookJson.malformed("Vercel", "'id' is longer than " + MAX_KEY + " characters");
        }
        return new Reception.Deliver(id, type, body);
    }

    /**
     * Falls back to the raw event when the normalizer throws: a payload Vercel changed must still be
     * stored as what it is, and the problem travels with it as the {@code normalize_error} attribute.
     */
    @Override
    public List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        var delivery = new VercelDelivery(deliveryKey, eventName, payload, receivedAt);
        if (!delivery.type().startsWith("deployment.") || delivery.type().length() == "deployment.".length()) {
            return List.of(RawNormalizer.draft(delivery, null));
        }
        try {
            return List.of(DEPLOYMENTS.normalize(delivery));
        } catch (RuntimeException e) {
            return List.of(RawNormalizer.draft(delivery, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    @Override
    public EventDraft raw(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        return RawNormalizer.draft(new VercelDelivery(deliveryKey, eventName, payload, receivedAt), null);
    }

    @Override
    public GraphExtractor graph() {
        return GRAPH;
    }

    @Override
    public dev.lightfast.core.claim.ClaimExtractor claims() {
        return CLAIMS;
    }
}
