package dev.lightfast.server.connections;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Connecting a tool: the tenant gets a webhook URL to paste into the tool with the shared secret. */
public final class ConnectionsApi {
    private static final int MAX_SECRET = 256;
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final ConnectionStore connections;
    private final Connectors connectors;
    private final WebhookUrls urls;
    private final Clock clock;

    public ConnectionsApi(ConnectionStore connections, Connectors connectors, WebhookUrls urls, Clock clock) {
        this.connections = connections;
        this.connectors = connectors;
        this.urls = urls;
        this.clock = clock;
    }

    record NewConnection(String provider, String secret) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record View(
            String id, String provider, String webhookUrl, Instant createdAt, String secret, String webhookUrlNote) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("POST", "/v1/connections")
                        .tag("connections")
                        .auth(Auth.TENANT)
                        .summary("Connect a tool; returns the webhook URL to configure in it")
                        .request(
                                ref("NewConnection"),
                                Map.of("provider", "github", "secret", "It's a Secret to Everybody"))
                        .response(201, "the connection", ref("Connection"))
                        .build(),
                this::create);
        routes.tenant(
                RouteSpec.of("GET", "/v1/connections")
                        .tag("connections")
                        .auth(Auth.TENANT)
                        .summary("The tenant's connected tools, oldest first, with a cursor (secrets are not shown)")
                        .query("after", "only connections after this id (the previous page's nextAfter)", string())
                        .query(
                                "limit",
                                "page size, 1-" + MAX_PAGE + " (default " + DEFAULT_PAGE + ")",
                                integer(1, MAX_PAGE))
                        .response(200, "a page of connections", ref("ConnectionPage"))
                        .build(),
                this::list);
    }

    private void create(Context ctx, TenantId tenant) {
        var body = RequestBodies.required(ctx, NewConnection.class);
        if (body.provider() == null || connectors.find(body.provider()).isEmpty()) {
            throw ApiError.badRequest("provider must be one of " + connectors.providers() + "; got " + body.provider());
        }
        boolean generated = body.secret() == null;
        String secret = generated ? Connection.newSecret() : body.secret();
        if (secret.isBlank() || secret.length() > MAX_SECRET) {
            throw ApiError.badRequest(
                    "secret must be 1-" + MAX_SECRET + " characters (or left out to have one generated)");
        }
        var c = connections.create(
                new Connection(Ids.prefixed("con"), tenant, body.provider(), secret, clock.instant()));
        ctx.status(201).json(view(ctx, c, generated ? secret : null));
    }

    /** A page of connections; continue with {@code after = nextAfter} while {@code hasMore}. */
    record Page(List<View> connections, String nextAfter, boolean hasMore) {}

    private void list(Context ctx, TenantId tenant) {
        String after = QueryParams.text(ctx, "after");
        int limit = QueryParams.bounded(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        // Ids are prefixed ULIDs, so their order is creation order and a stable cursor. A tenant has a
        // handful of connections: paging the sorted list here is cheaper than a query per page.
        List<Connection> rest = connections.list(tenant).stream()
                .filter(c -> after == null || c.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Connection::id))
                .toList();
        var shown = rest.subList(0, Math.min(limit, rest.size()));
        ctx.json(new Page(
                shown.stream().map(c -> view(ctx, c, null)).toList(),
                shown.isEmpty() ? after : shown.getLast().id(),
                rest.size() > limit));
    }

    private View view(Context ctx, Connection c, String secret) {
        return new View(c.id(), c.provider(), urls.of(ctx, c), c.createdAt(), secret, urls.note());
    }
}
