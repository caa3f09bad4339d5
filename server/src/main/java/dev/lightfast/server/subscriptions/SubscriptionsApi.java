package dev.lightfast.server.subscriptions;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.subscription.AttemptPage;
import dev.lightfast.core.subscription.MessageState;
import dev.lightfast.core.subscription.QueueStats;
import dev.lightfast.core.subscription.QueuedMessage;
import dev.lightfast.core.subscription.Subscription;
import dev.lightfast.core.subscription.SubscriptionFilter;
import dev.lightfast.core.subscription.Subscriptions;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outbound webhooks ({@code /v1/subscriptions}): where to send what, the signing secret (shown
 * once, rotated with a day's overlap), a test message, every attempt, the queued messages, and
 * replays. Delivery itself runs in the background ({@code OutboundDispatcher}).
 */
public final class SubscriptionsApi {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;
    private static final String EXAMPLE_URL = "http://localhost:9000/webhooks/lightfast";

    private final Subscriptions subscriptions;

    public SubscriptionsApi(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** A new subscription, or all of one's settings for {@code PUT}. */
    record Settings(String url, String description, SubscriptionFilter filter, Integer rateLimit, Boolean disabled) {}

    /** A subscription as the API shows it; {@code secret} only when it was just made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record View(
            String id,
            String url,
            String description,
            SubscriptionFilter filter,
            Integer rateLimit,
            String status,
            Instant disabledAt,
            String disabledReason,
            Instant createdAt,
            Instant updatedAt,
            QueueStats outbox,
            String secret) {
        static View of(Subscription s, QueueStats outbox, String secret) {
            return new View(
                    s.id(),
                    s.url(),
                    s.description(),
                    s.filter(),
                    s.rateLimit(),
                    s.active() ? "active" : "disabled",
                    s.disabledAt(),
                    s.disabledReason(),
                    s.createdAt(),
                    s.updatedAt(),
                    outbox,
                    secret);
        }
    }

    record Page(List<View> subscriptions, String nextAfter, boolean hasMore) {}

    record Rotated(String secret, Instant previousUntil) {}

    record Queued(String messageId, long position) {}

    record MessagePage(List<QueuedMessage> messages, long nextAfter, boolean hasMore) {}

    /** One message by id, or every message whose timestamp is in {@code [from, to)}. */
    record Replay(String messageId, Instant from, Instant to) {}

    record Replayed(int replayed) {}

    public void register(Routes routes) {
        var example = Map.of(
                "url",
                EXAMPLE_URL,
                "description",
                "pull requests and deploys of acme/shop, to the release bot",
                "filter",
                Map.of("types", List.of("github.pull_request.*", "vercel.deployment.*"), "intents", true));
        routes.tenant(
                RouteSpec.of("POST", "/v1/subscriptions")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("Subscribe a URL to events (and, once rules run, violations); the signing secret is"
                                + " shown once")
                        .request(ref("NewSubscription"), example)
                        .response(201, "the subscription with its signing secret (whsec_...)", ref("Subscription"))
                        .build(),
                this::create);
        routes.tenant(
                RouteSpec.of("GET", "/v1/subscriptions")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("The tenant's subscriptions, oldest first, with a cursor")
                        .query("after", "only subscriptions after this id (the previous page's nextAfter)", string())
                        .query(
                                "limit",
                                "page size, 1-" + MAX_PAGE + " (default " + DEFAULT_PAGE + ")",
                                integer(1, MAX_PAGE))
                        .response(200, "a page of subscriptions", ref("SubscriptionPage"))
                        .build(),
                this::list);
        routes.tenant(
                RouteSpec.of("GET", "/v1/subscriptions/{id}")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("One subscription with its outbox: pending, delivered and failed messages, the failing"
                                + " streak")
                        .response(200, "the subscription", ref("Subscription"))
                        .build(),
                this::get);
        routes.tenant(
                RouteSpec.of("PUT", "/v1/subscriptions/{id}")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary(
                                "Replace a subscription's URL, description, filter and rate limit; disable or enable it")
                        .request(
                                ref("NewSubscription"),
                                Map.of("url", EXAMPLE_URL, "filter", Map.of(), "disabled", false))
                        .response(200, "the subscription as it is now", ref("Subscription"))
                        .build(),
                this::change);
        routes.tenant(
                RouteSpec.of("DELETE", "/v1/subscriptions/{id}")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("Remove a subscription and everything queued for it")
                        .response(204, "removed", null)
                        .build(),
                this::delete);
        routes.tenant(
                RouteSpec.of("POST", "/v1/subscriptions/{id}/rotate-secret")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary(
                                "A new signing secret, shown once; the previous one keeps signing beside it for 24 hours")
                        .response(200, "the new secret and when the previous one stops signing", ref("RotatedSecret"))
                        .build(),
                this::rotate);
        routes.tenant(
                RouteSpec.of("POST", "/v1/subscriptions/{id}/test")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("Queue a test message (type lightfast.subscription.test) at the end of the queue")
                        .response(202, "queued", ref("QueuedTest"))
                        .build(),
                this::test);
        routes.tenant(
                RouteSpec.of("GET", "/v1/subscriptions/{id}/attempts")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("Delivery attempts, newest first: status, latency, the start of the answer")
                        .query("message", "only the attempts of this message (webhook-id)", string())
                        .query("before", "only attempts before this one (the previous page's next)", string())
                        .query(
                                "limit",
                                "page size, 1-" + MAX_PAGE + " (default " + DEFAULT_PAGE + ")",
                                integer(1, MAX_PAGE))
                        .response(200, "a page of attempts", ref("AttemptPage"))
                        .build(),
                this::attempts);
        routes.tenant(
                RouteSpec.of("GET", "/v1/subscriptions/{id}/messages")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary(
                                "Queued messages in order: pending, delivered, or failed after the whole retry schedule")
                        .query(
                                "state",
                                "pending, delivered or failed (default: all)",
                                Map.of("type", "string", "enum", List.of("pending", "delivered", "failed")))
                        .query(
                                "after",
                                "only messages after this position (the previous page's nextAfter)",
                                integer(0, Long.MAX_VALUE))
                        .query(
                                "limit",
                                "page size, 1-" + MAX_PAGE + " (default " + DEFAULT_PAGE + ")",
                                integer(1, MAX_PAGE))
                        .response(200, "a page of messages", ref("MessagePage"))
                        .build(),
                this::messages);
        routes.tenant(
                RouteSpec.of("POST", "/v1/subscriptions/{id}/replay")
                        .tag("subscriptions")
                        .auth(Auth.TENANT)
                        .summary("Send delivered or failed messages again, with their webhook-id: one, or those in a"
                                + " time range")
                        .request(ref("Replay"), Map.of("from", "2026-01-01T00:00:00Z", "to", "2030-01-01T00:00:00Z"))
                        .response(202, "how many were queued again", ref("Replayed"))
                        .build(),
                this::replay);
    }

    private void create(Context ctx, TenantId tenant) {
        var body = RequestBodies.required(ctx, Settings.class);
        if (body.url() == null) {
            throw ApiError.badRequest("url is required: where to POST the webhooks");
        }
        if (body.disabled() != null) {
            throw ApiError.badRequest("a new subscription is active; disable it with PUT once made");
        }
        var created = subscriptions.create(tenant, body.url(), body.description(), body.filter(), body.rateLimit());
        ctx.status(201)
                .json(View.of(created.subscription(), null, created.secret().value()));
    }

    private void list(Context ctx, TenantId tenant) {
        String after = QueryParams.text(ctx, "after");
        int limit = QueryParams.bounded(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        List<Subscription> rest = subscriptions.list(tenant).stream()
                .filter(s -> after == null || s.id().compareTo(after) > 0)
                .toList();
        var shown = rest.subList(0, Math.min(limit, rest.size()));
        ctx.json(new Page(
                shown.stream().map(s -> View.of(s, null, null)).toList(),
                shown.isEmpty() ? after : shown.getLast().id(),
                rest.size() > limit));
    }

    private Subscription existing(TenantId tenant, String id) {
        return subscriptions.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    private static ApiError notFound(String id) {
        return ApiError.notFound("no subscription " + id + " in this tenant; GET /v1/subscriptions lists them");
    }

    private void get(Context ctx, TenantId tenant) {
        var s = existing(tenant, ctx.pathParam("id"));
        ctx.json(View.of(s, subscriptions.outbox().stats(tenant, s.id()), null));
    }

    private void change(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var body = RequestBodies.required(ctx, Settings.class);
        if (body.url() == null) {
            throw ApiError.badRequest("url is required: PUT replaces every setting");
        }
        var current = existing(tenant, id);
        boolean disabled = body.disabled() != null ? body.disabled() : !current.active();
        var changed = subscriptions
                .change(tenant, id, body.url(), body.description(), body.filter(), body.rateLimit(), disabled)
                .orElseThrow(() -> notFound(id));
        ctx.json(View.of(changed, subscriptions.outbox().stats(tenant, id), null));
    }

    private void delete(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        if (!subscriptions.delete(tenant, id)) {
            throw notFound(id);
        }
        ctx.status(204);
    }

    private void rotate(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var rotated = subscriptions.rotate(tenant, id).orElseThrow(() -> notFound(id));
        ctx.json(new Rotated(rotated.secret().value(), rotated.previousUntil()));
    }

    private void test(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var queued = subscriptions.test(tenant, id).orElseThrow(() -> notFound(id));
        ctx.status(202).json(new Queued(queued.id(), queued.position()));
    }

    private void attempts(Context ctx, TenantId tenant) {
        var s = existing(tenant, ctx.pathParam("id"));
        int limit = QueryParams.bounded(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        AttemptPage page = subscriptions
                .outbox()
                .attempts(tenant, s.id(), QueryParams.text(ctx, "message"), QueryParams.text(ctx, "before"), limit);
        ctx.json(page);
    }

    private void messages(Context ctx, TenantId tenant) {
        var s = existing(tenant, ctx.pathParam("id"));
        int limit = QueryParams.bounded(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        long after = QueryParams.whole(ctx, "after", 0);
        if (after < 0) {
            throw ApiError.badRequest("after must be a position >= 0; got " + after);
        }
        String state = QueryParams.text(ctx, "state");
        MessageState wanted;
        try {
            wanted = state == null ? null : MessageState.of(state.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("state must be pending, delivered or failed; got '" + state + "'");
        }
        var found = subscriptions.outbox().messages(tenant, s.id(), wanted, after, limit + 1);
        var shown = found.subList(0, Math.min(limit, found.size()));
        ctx.json(
                new MessagePage(shown, shown.isEmpty() ? after : shown.getLast().position(), found.size() > limit));
    }

    private void replay(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var body = RequestBodies.required(ctx, Replay.class);
        boolean one = body.messageId() != null;
        boolean range = body.from() != null || body.to() != null;
        if (one == range) {
            throw ApiError.badRequest("replay one message ({\"messageId\":\"msg_...\"}) or a time range"
                    + " ({\"from\":..., \"to\":...}), not both or neither");
        }
        int replayed;
        if (one) {
            existing(tenant, id);
            replayed = subscriptions
                    .replay(tenant, id, body.messageId())
                    .orElseThrow(() -> ApiError.notFound("no message " + body.messageId() + " in subscription " + id
                            + "; GET /v1/subscriptions/" + id + "/messages lists them"));
        } else {
            if (body.from() == null || body.to() == null || !body.from().isBefore(body.to())) {
                throw ApiError.badRequest("a replayed range needs from and to, from before to (ISO-8601 instants)");
            }
            replayed = subscriptions.replay(tenant, id, body.from(), body.to()).orElseThrow(() -> notFound(id));
        }
        ctx.status(202).json(new Replayed(replayed));
    }
}
