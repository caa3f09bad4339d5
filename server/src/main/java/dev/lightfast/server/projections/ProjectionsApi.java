package dev.lightfast.server.projections;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/projections}: how far each view derived from the log (the graph, this server's
 * search index) has read the caller's tenant log. On PostgreSQL the graph is shared by every server
 * and the search index is each server's own, so two servers can answer different search
 * checkpoints.
 */
public final class ProjectionsApi {
    private final EventLog log;
    private final List<Projection> projections;

    public ProjectionsApi(EventLog log, List<Projection> projections) {
        this.log = log;
        this.projections = List.copyOf(projections);
    }

    /** One view: the last seq it has applied, and how many of the log's events it has still to read. */
    public record Status(String name, long checkpoint, long behind) {}

    /** The tenant's last seq and every view's place in it. */
    public record Statuses(long lastSeq, List<Status> projections) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/projections")
                        .tag("projections")
                        .auth(Auth.TENANT)
                        .summary("How far the graph, this server's search index and the webhook outbox have read the"
                                + " tenant's log")
                        .response(
                                200,
                                "each projection's checkpoint and how far behind the log it is",
                                ref("Projections"))
                        .build(),
                this::list);
    }

    private void list(Context ctx, TenantId tenant) {
        ctx.json(statuses(tenant));
    }

    /**
     * The checkpoints are read before the log's last seq: the log only grows, so {@code behind} may
     * count an event appended meanwhile but never hides one a view has not read.
     */
    private Statuses statuses(TenantId tenant) {
        var checkpoints = new long[projections.size()];
        for (int i = 0; i < checkpoints.length; i++) {
            checkpoints[i] = projections.get(i).checkpoint(tenant);
        }
        long lastSeq = log.lastSeq(tenant);
        var out = new ArrayList<Status>(checkpoints.length);
        for (int i = 0; i < checkpoints.length; i++) {
            out.add(new Status(projections.get(i).name(), checkpoints[i], Math.max(0, lastSeq - checkpoints[i])));
        }
        return new Statuses(lastSeq, out);
    }
}
