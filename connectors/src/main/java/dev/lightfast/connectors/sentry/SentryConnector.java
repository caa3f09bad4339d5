package dev.lightfast.connectors.sentry;

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
 * Sentry's integration-platform webhook ingress. Sentry names the resource in {@code
 * Sentry-Hook-Resource} (the action is in the body) and gives each webhook request a UUID in {@code
 * Request-ID}, which is the idempotency key: Sentry's payloads carry no id of the delivery itself,
 * and the same Request-ID posted twice (a retry) is the same delivery. Request-ID is not signed, so
 * it does not stop a replay under a new one: the log does, by storing an identical signed body on
 * one connection once within the replay window. Stateless and thread-safe.
 */
public final class SentryConnector implements WebhookConnector {
    public static final String PROVIDER = "sentry";

    static final String RESOURCE_HEADER = "Sentry-Hook-Resource";
    static final String REQUEST_ID_HEADER = "Request-ID";
    private static final int MAX_HEADER = 200;

    private static final Set<String> KEPT_HEADERS =
            Set.of("sentry-hook-resource", "sentry-hook-timestamp", "request-id", "user-agent", "content-type");

    private static final Map<String, SentryNormalizer> NORMALIZERS = Map.of(
            "issue", new IssueNormalizer(),
            "error", new ErrorNormalizer(),
            "event_alert", new EventAlertNormalizer(),
            "metric_alert", new MetricAlertNormalizer(),
            "comment", new CommentNormalizer());

    private static final GraphExtractor GRAPH = new SentryGraph();
    private static final dev.lightfast.core.claim.ClaimExtractor CLAIMS = new SentryClaims();

    private final SentryWebhookVerifier verifier;

    public SentryConnector() {
        this(ReplayWindow.FIVE_MINUTES);
    }

    public SentryConnector(ReplayWindow window) {
        this.verifier = new SentryWebhookVerifier(window);
    }

    /** The resources with a canonical mapping; every other resource is kept as a raw event. */
    public static Set<String> normalizedResources() {
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
        String resource = requiredHeader(request, RESOURCE_HEADER, "the resource: issue, error, event_alert, …");
        String requestId = requiredHeader(request, REQUEST_ID_HEADER, "a UUID per webhook request");
        JsonNode payload = WebhookJson.object(request.body(), "Sentry");
        return new Reception.Deliver(requestId, resource, payload);
    }

    /**
     * Falls back to the raw event when a normalizer throws: a payload Sentry changed must still be
     * stored as what it is, and the problem travels with it as the {@code normalize_error} attribute.
     */
    @Override
    public List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        var delivery = new SentryDelivery(deliveryKey, eventName, payload, receivedAt);
        SentryNormalizer normalizer = NORMALIZERS.get(delivery.resource());
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
        return RawNormalizer.draft(new SentryDelivery(deliveryKey, eventName, payload, receivedAt), null);
    }

    @Override
    public GraphExtractor graph() {
        return GRAPH;
    }

    @Override
    public dev.lightfast.core.claim.ClaimExtractor claims() {
        return CLAIMS;
    }

    private static String requiredHeader(WebhookRequest request, String name, String what) {
        String value = request.header(name);
        if (value == null || value.isBlank()) {
            throw WebhookJson.malformed(
                    "Sentry",
                    "missing " + name + " header (" + what + "), which Sentry sends with"
                            + " every integration webhook");
        }
        if (value.length() > MAX_HEADER) {
            throw WebhookJson.malformed("Sentry", name + " is longer than " + MAX_HEADER + " characters");
        }
        return value.strip();
    }
}
