package dev.lightfast.server.backfill;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.backfill.BackfillRequest;
import dev.lightfast.core.backfill.Backfills;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/connections/{id}/backfill} starts reading the tool's history through its API;
 * {@code GET} shows the connection's latest job and its progress; {@code DELETE} cancels it.
 */
public final class BackfillApi {
    private final Backfills backfills;
    private final ConnectionStore connections;
    private final java.util.function.Consumer<String> apiBaseCheck;

    /**
     * @param apiBaseCheck refuses an {@code apiBase} the server must not send a token to (the same
     *     address policy as a subscription's URL and an action's API base)
     */
    public BackfillApi(
            Backfills backfills, ConnectionStore connections, java.util.function.Consumer<String> apiBaseCheck) {
        this.backfills = backfills;
        this.connections = connections;
        this.apiBaseCheck = apiBaseCheck;
    }

    public void register(Routes routes) {
        String path = "/v1/connections/{id}/backfill";
        routes.tenant(
                RouteSpec.of("POST", path)
                        .tag("backfill")
                        .auth(Auth.TENANT)
                        .summary("Import the tool's history through its API, in the background: the same events its"
                                + " webhooks make, without duplicates; one job per connection at a time")
                        .request(
                                ref("BackfillRequest"),
                                Map.of(
                                        "since",
                                        "2026-01-01T00:00:00Z",
                                        "repositories",
                                        List.of("acme/shop"),
                                        "what",
                                        List.of("pulls", "issues"),
                                        "token",
                                        "github_pat_11AAAAAAA0example"))
                        .response(202, "the job, started", ref("BackfillProgress"))
                        .response(400, "a bad request (no token, no repositories, a bad time)", ref("Error"))
                        .response(409, "a backfill is already running on this connection", ref("Error"))
                        .response(404, "no such connection", ref("Error"))
                        .build(),
                this::start);
        routes.tenant(
                RouteSpec.of("GET", path)
                        .tag("backfill")
                        .auth(Auth.TENANT)
                        .summary("The connection's latest backfill: objects done, total when known, rate, time left,"
                                + " errors")
                        .response(200, "the job and its progress", ref("BackfillProgress"))
                        .response(404, "no such connection, or no backfill yet", ref("Error"))
                        .build(),
                this::status);
        routes.tenant(
                RouteSpec.of("DELETE", path)
                        .tag("backfill")
                        .auth(Auth.TENANT)
                        .summary("Cancel the running backfill; the events it added stay")
                        .response(200, "the job, cancelled (or as it ended)", ref("BackfillProgress"))
                        .response(404, "no such connection, or no backfill yet", ref("Error"))
                        .build(),
                this::cancel);
    }

    /** The caller's own connection, or 404: another tenant's looks exactly like none. */
    private String connection(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        if (connections.find(id).filter(c -> c.tenant().equals(tenant)).isEmpty()) {
            throw ApiError.notFound("no connection " + id);
        }
        return id;
    }

    private void start(Context ctx, TenantId tenant) {
        String id = connection(ctx, tenant);
        var request = RequestBodies.required(ctx, BackfillRequest.class);
        if (request.apiBase() != null) {
            apiBaseCheck.accept(request.apiBase());
        }
        backfills.start(tenant, id, request);
        ctx.status(202).json(backfills.status(tenant, id).orElseThrow());
    }

    private void status(Context ctx, TenantId tenant) {
        String id = connection(ctx, tenant);
        ctx.json(backfills
                .status(tenant, id)
                .orElseThrow(
                        () -> ApiError.notFound("connection " + id + " has no backfill yet; start one with POST")));
    }

    private void cancel(Context ctx, TenantId tenant) {
        String id = connection(ctx, tenant);
        ctx.json(backfills
                .cancel(tenant, id)
                .orElseThrow(() -> ApiError.notFound("connection " + id + " has no backfill yet")));
    }
}
