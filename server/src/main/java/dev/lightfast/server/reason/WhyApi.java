package dev.lightfast.server.reason;

import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.why.Chain;
import dev.lightfast.reason.why.CausalChains;
import dev.lightfast.reason.why.WhyStart;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;

/**
 * {@code GET /v1/why/{id}}: the causal chain behind an event or an entity, backwards (incident ←
 * deployment ← commit ← pull request ← issue ← decision), each step cited, asserted or inferred,
 * with its evidence, confidence and rationale.
 */
public final class WhyApi {
    private final CausalChains why;
    private final GraphStore graph;
    private final EventLog log;

    public WhyApi(CausalChains why, GraphStore graph, EventLog log) {
        this.why = why;
        this.graph = graph;
        this.log = log;
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/why/{id}")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary(
                                "Why it happened: the causal chain back from an event or entity, ordered, each step cited"
                                        + " and marked asserted or inferred, with evidence, confidence and rationale")
                        .query("asOf", ClaimsApi.AS_OF, string())
                        .response(200, "the chain (no steps when nothing known caused it)", ref("Chain"))
                        .response(400, "a bad asOf", ref("Error"))
                        .response(404, "no such event or entity", ref("Error"))
                        .build(),
                this::why);
    }

    private void why(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        AsOf asOf = AsOf.parse(QueryParams.text(ctx, "asOf"));
        ctx.json(explain(tenant, id, asOf));
    }

    /** The chain behind an entity id, or behind what an event is about. */
    public Chain explain(TenantId tenant, String id, AsOf asOf) {
        Entity start;
        if (id.startsWith("ent_")) {
            start = graph.entity(tenant, id, asOf)
                    .orElseThrow(() -> ApiError.notFound(
                            asOf.isNow()
                                    ? "no entity '" + id + "' in this tenant; find ids with GET /v1/entities?q="
                                    : "entity '" + id + "' was not yet known at asOf"));
        } else {
            Event e = log.find(tenant, id)
                    .orElseThrow(() -> ApiError.notFound("no event or entity '" + id + "' in this tenant"));
            start = WhyStart.of(tenant, e, graph, asOf)
                    .orElseThrow(() -> ApiError.notFound(
                            "event " + id + " is about nothing the graph knows" + (asOf.isNow() ? "" : " at asOf")));
        }
        return why.explain(tenant, start, asOf);
    }
}
