package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.connectors.WebhookJson;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GraphExtractor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Events API ingress. The {@code url_verification} request Slack sends when the Request URL
 * is saved is answered with its {@code challenge} and not stored. Every {@code event_callback} is
 * keyed by its {@code event_id}: Slack retries an event it thinks went unanswered (with {@code
 * X-Slack-Retry-Num}) under the same {@code event_id}, so a retry is the same delivery and stored
 * once. An envelope without an {@code event_id} ({@code app_rate_limited}) is keyed by its type
 * and the SHA-256 of its exact bytes, so that posting it twice is still one delivery. Stateless and
 * thread-safe.
 */
public final class SlackConnector implements WebhookConnector {
    public static final String PROVIDER = "slack";
    private static final int MAX_KEY = 200;

    private static final Set<String> KEPT_HEADERS = Set.of(
            "x-slack-request-timestamp", "x-slack-retry-num", "x-slack-retry-reason", "user-agent", "content-type");

    private static final Map<String, SlackNormalizer> NORMALIZERS = normalizers();
    private static final GraphExtractor GRAPH = new SlackGraph();
    private static final dev.lightfast.core.claim.ClaimExtractor CLAIMS = new SlackClaims();

    private final SlackWebhookVerifier verifier;

    public SlackConnector() {
        this(ReplayWindow.FIVE_MINUTES);
    }

    public SlackConnector(ReplayWindow window) {
        this.verifier = new SlackWebhookVerifier(window);
    }

    private static Map<String, SlackNormalizer> normalizers() {
        var map = new HashMap<String, SlackNormalizer>();
        map.put("message", new MessageNormalizer());
        var reactions = new ReactionNormalizer();
        map.put("reaction_added", reactions);
        map.put("reaction_removed", reactions);
        var channels = new ChannelNormalizer();
        ChannelNormalizer.VERBS.keySet().forEach(type -> map.put(type, channels));
        var members = new MemberNormalizer();
        map.put("team_join", members);
        map.put("user_change", members);
        map.put("user_profile_changed", members);
        return Map.copyOf(map);
    }

    /** The inner event types with a canonical mapping; every other one is kept as a raw event. */
    public static Set<String> normalizedEvents() {
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
        byte[] bytes = request.body();
        if (bytes != null
                && bytes.length > 0
                && bytes[0] != '{'
                && new String(bytes, 0, Math.min(bytes.length, 40), java.nio.charset.StandardCharsets.US_ASCII)
                        .matches("(?s)^(payload|token|command)=.*")) {
            throw WebhookJson.malformed(
                    "Slack Events API",
                    "this is a form post (a slash command or an interactive"
                            + " action); this URL takes only Event Subscriptions, which Slack sends as JSON");
        }
        JsonNode body = WebhookJson.object(bytes, "Slack Events API");
        String type = text(body.path("type"));
        if ("url_verification".equals(type)) {
            String challenge = text(body.path("challenge"));
            if (challenge == null) {
                throw WebhookJson.malformed("Slack Events API", "url_verification without a challenge");
            }
            return new Reception.Reply(200, challenge);
        }
        String eventId = text(body.path("event_id"));
        String inner = text(body.path("event").path("type"));
        if ("event_callback".equals(type) && (eventId == null || inner == null)) {
            throw WebhookJson.malformed(
                    "Slack Events API", "an event_callback needs an event_id and an event with a type");
        }
        if (type == null && eventId == null) {
            throw WebhookJson.malformed(
                    "Slack Events API", "the body has no 'type' (event_callback, url_verification, …)");
        }
        String key = eventId != null ? eventId : type + ":" + sha256Hex(bytes);
        if (key.length() > MAX_KEY) {
            throw WebhookJson.malformed("Slack Events API", "event_id is longer than " + MAX_KEY + " characters");
        }
        return new Reception.Deliver(key, inner != null ? inner : type, body);
    }

    /**
     * Falls back to the raw event when a normalizer throws: a payload Slack changed must still be
     * stored as what it is, and the problem travels with it as the {@code normalize_error} attribute.
     */
    @Override
    public List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        var delivery = new SlackDelivery(deliveryKey, eventName, payload, receivedAt);
        SlackNormalizer normalizer = NORMALIZERS.get(delivery.eventName());
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
        return RawNormalizer.draft(new SlackDelivery(deliveryKey, eventName, payload, receivedAt), null);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
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
