package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.connectors.WebhookJson;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GraphExtractor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Linear's webhook ingress. Linear names the resource in {@code Linear-Event} (and in the body's
 * {@code type}) and gives each delivery a UUID in {@code Linear-Delivery}, which is the
 * idempotency key: a delivery Linear retries keeps it, so a retry is stored once.
 *
 * <p>Without the header (a capture that lost its headers), the key is made from what identifies the
 * change itself: {@code type/action/data.id/data.updatedAt}. The payload's {@code webhookId} is
 * not enough: it names the webhook, not the delivery, and {@code webhookTimestamp} changes on every
 * retry. Stateless and thread-safe.
 */
public final class LinearConnector implements WebhookConnector {
    public static final String PROVIDER = "linear";

    static final String EVENT_HEADER = "Linear-Event";
    static final String DELIVERY_HEADER = "Linear-Delivery";
    private static final int MAX_KEY = 256;

    private static final Set<String> KEPT_HEADERS =
            Set.of("linear-event", "linear-delivery", "user-agent", "content-type");

    private static final Map<String, LinearNormalizer> NORMALIZERS = Map.of(
            "Issue", new IssueNormalizer(),
            "Comment", new CommentNormalizer(),
            "Project", new ProjectNormalizer(),
            "Cycle", new CycleNormalizer(),
            "IssueLabel", new IssueLabelNormalizer());

    private static final GraphExtractor GRAPH = new LinearGraph();
    private static final dev.lightfast.core.claim.ClaimExtractor CLAIMS = new LinearClaims();

    private final LinearWebhookVerifier verifier;

    public LinearConnector() {
        this(ReplayWindow.FIVE_MINUTES);
    }

    public LinearConnector(ReplayWindow window) {
        this.verifier = new LinearWebhookVerifier(window);
    }

    /** The resource types with a canonical mapping; every other type is kept as a raw event. */
    public static Set<String> normalizedTypes() {
        return NORMALIZERS.keySet();
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Set<String> keptHeaders() {
        return KEPT_HEADERS;
    }

    @Override
    public void verify(WebhookRequest request, String secret, Instant now) {
        verifier.verify(request, secret, now);
    }

    @Override
    public BodySignature signature(WebhookRequest head, String secret) {
        return verifier.start(head, secret);
    }

    @Override
    public Reception receive(WebhookRequest request) {
        JsonNode payload = WebhookJson.object(request.body(), "Linear");
        String type = text(payload.path("type"));
        String header = request.header(EVENT_HEADER);
        header = header == null || header.isBlank() ? null : header.strip();
        if (type == null && header == null) {
            throw WebhookJson.malformed(
                    "Linear", "the body has no 'type' (Issue, Comment, …) and there is no " + EVENT_HEADER + " header");
        }
        return new Reception.Deliver(deliveryKey(request, payload), type != null ? type : header, payload);
    }

    private static String deliveryKey(WebhookRequest request, JsonNode payload) {
        String delivery = request.header(DELIVERY_HEADER);
        if (delivery != null && !delivery.isBlank()) {
            if (delivery.length() > MAX_KEY) {
                throw WebhookJson.malformed("Linear", DELIVERY_HEADER + " is longer than " + MAX_KEY + " characters");
            }
            return delivery.strip();
        }
        JsonNode data = payload.path("data");
        String id = text(data.path("id"));
        if (id == null) {
            throw WebhookJson.malformed(
                    "Linear",
                    "there is no " + DELIVERY_HEADER + " header and no data.id to tell"
                            + " this delivery apart from others");
        }
        String key = String.join(
                "/",
                text(payload.path("type")) == null ? "?" : text(payload.path("type")),
                String.valueOf(text(payload.path("action"))),
                id,
                String.valueOf(text(data.path("updatedAt"))));
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    /**
     * Falls back to the raw event when a normalizer throws: a payload Linear changed must still be
     * stored as what it is, and the problem travels with it as the {@code normalize_error} attribute.
     */
    @Override
    public List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        var delivery = new LinearDelivery(deliveryKey, eventName, payload, receivedAt);
        LinearNormalizer normalizer = NORMALIZERS.get(delivery.type());
        if (normalizer == null) {
            return List.of(RawNormalizer.draft(delivery, null));
        }
        try {
            List<EventDraft> drafts = normalizer.normalize(delivery);
            return drafts.isEmpty() ? List.of(RawNormalizer.draft(delivery, "no events")) : List.copyOf(drafts);
        } catch (RuntimeException e) {
            return List.of(RawNormalizer.draft(delivery, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    @Override
    public EventDraft raw(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        return RawNormalizer.draft(new LinearDelivery(deliveryKey, eventName, payload, receivedAt), null);
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
