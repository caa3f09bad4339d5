package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GraphExtractor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's webhook ingress. GitHub names the kind of delivery in {@code X-GitHub-Event} and gives
 * each delivery a GUID in {@code X-GitHub-Delivery} that stays the same when a delivery is
 * redelivered, which makes it the idempotency key. Stateless and thread-safe.
 */
public final class GithubConnector implements WebhookConnector {
    private static final GraphExtractor GRAPH = new GithubGraph();
    private static final dev.lightfast.core.claim.ClaimExtractor CLAIMS = new GithubClaims();
    public static final String PROVIDER = "github";

    static final String EVENT_HEADER = "X-GitHub-Event";
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    private static final int MAX_HEADER_VALUE = 200;

    private static final Set<String> KEPT_HEADERS = Set.of(
            "x-github-event",
            "x-github-delivery",
            "x-github-hook-id",
            "x-github-hook-installation-target-id",
            "x-github-hook-installation-target-type",
            "user-agent",
            "content-type");

    private static final Map<String, GithubNormalizer> NORMALIZERS = normalizers();

    private final GithubWebhookVerifier verifier = new GithubWebhookVerifier();

    private static Map<String, GithubNormalizer> normalizers() {
        var refs = new RefNormalizer();
        var deployments = new DeploymentNormalizer();
        var checks = new CheckNormalizer();
        return Map.ofEntries(
                Map.entry("push", new PushNormalizer()),
                Map.entry("pull_request", new PullRequestNormalizer()),
                Map.entry("pull_request_review", new PullRequestReviewNormalizer()),
                Map.entry("pull_request_review_comment", new PullRequestReviewCommentNormalizer()),
                Map.entry("issues", new IssuesNormalizer()),
                Map.entry("issue_comment", new IssueCommentNormalizer()),
                Map.entry("create", refs),
                Map.entry("delete", refs),
                Map.entry("release", new ReleaseNormalizer()),
                Map.entry("deployment", deployments),
                Map.entry("deployment_status", deployments),
                Map.entry("workflow_run", new WorkflowRunNormalizer()),
                Map.entry("check_run", checks),
                Map.entry("check_suite", checks),
                Map.entry("status", new StatusNormalizer()),
                Map.entry("repository", new RepositoryNormalizer()),
                Map.entry("member", new MemberNormalizer()));
    }

    /** The event names with a canonical mapping; every other event is kept as a raw event. */
    public static Set<String> normalizedEvents() {
        return NORMALIZERS.keySet();
    }

    @Override
    public GraphExtractor graph() {
        return GRAPH;
    }

    @Override
    public dev.lightfast.core.claim.ClaimExtractor claims() {
        return CLAIMS;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    /** Commits are keyed {@code git:<sha>} so that every tool meets them; their home is the code host. */
    @Override
    public Set<String> keyPrefixes() {
        return Set.of(PROVIDER, "git");
    }

    @Override
    public Set<String> keptHeaders() {
        return KEPT_HEADERS;
    }

    /** GitHub signs no timestamp, so {@code now} plays no part. */
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
        String event = requiredHeader(request, EVENT_HEADER, "the kind of event, e.g. push");
        String delivery = requiredHeader(request, DELIVERY_HEADER, "the delivery's GUID");
        JsonNode payload = GithubDeliveryBody.parse(request.body(), request.header("content-type"));
        if (event.equals("ping")) {
            String zen = text(payload.path("zen"));
            return new Reception.Reply(200, zen == null ? "pong" : "pong: " + zen);
        }
        return new Reception.Deliver(delivery, event, payload);
    }

    /**
     * Falls back to the raw event when a normalizer throws: a payload GitHub changed must still be
     * stored as what it is, and the problem travels with it as the {@code normalize_error} attribute.
     */
    @Override
    public List<EventDraft> normalize(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        var delivery = new GithubDelivery(deliveryKey, eventName, payload, receivedAt);
        GithubNormalizer normalizer = NORMALIZERS.get(delivery.event());
        if (normalizer == null) {
            return List.of(RawNormalizer.draft(delivery, null));
        }
        try {
            List<EventDraft> drafts = normalizer.normalize(delivery);
            return drafts.isEmpty()
                    ? List.of(RawNormalizer.draft(delivery, "no events"))
                    : List.copyOf(GithubStateKeys.apply(delivery, drafts));
        } catch (RuntimeException e) {
            return List.of(RawNormalizer.draft(delivery, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    @Override
    public EventDraft raw(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
        return RawNormalizer.draft(new GithubDelivery(deliveryKey, eventName, payload, receivedAt), null);
    }

    private static String requiredHeader(WebhookRequest request, String name, String what) {
        String value = request.header(name);
        if (value == null || value.isBlank()) {
            throw new WebhookRejected(
                    WebhookRejected.Reason.MALFORMED,
                    "missing "
                            + name
                            + " header ("
                            + what
                            + "): GitHub sends it with every webhook delivery; is this request from GitHub?");
        }
        if (value.length() > MAX_HEADER_VALUE) {
            throw new WebhookRejected(
                    WebhookRejected.Reason.MALFORMED, name + " is longer than " + MAX_HEADER_VALUE + " characters");
        }
        return value.strip();
    }
}
