package dev.lightfast.server.reason;

import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.pattern.Pattern;
import dev.lightfast.reason.pattern.PatternProjection;
import dev.lightfast.reason.pattern.Patterns;
import dev.lightfast.reason.risk.Risk;
import dev.lightfast.reason.risk.RiskModel;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/patterns} (recurring sequences in the team's history, each with the events that
 * show it) and {@code GET /v1/risk/{id}} (the risk that an incident follows a pull request or a
 * deployment, with the cited features behind the score).
 */
public final class PatternsApi {
    private final Patterns patterns;
    private final PatternStore store;
    private final RiskModel risk;
    private final GraphStore graph;

    public PatternsApi(Patterns patterns, PatternStore store, RiskModel risk, GraphStore graph) {
        this.patterns = patterns;
        this.store = store;
        this.risk = risk;
        this.graph = graph;
    }

    record PatternList(long checkpoint, long withinMinutes, List<Pattern> patterns) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/patterns")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary(
                                "Recurring sequences: deployments followed by an incident (rate and count by service and"
                                        + " environment), services with repeated incidents, review turnaround, reopened work")
                        .query(
                                "kind",
                                "only one kind",
                                Map.of("type", "string", "enum", List.copyOf(new java.util.TreeSet<>(Patterns.KINDS))))
                        .query(
                                "within",
                                "minutes after a deployment within which an incident counts as following it (default 60)",
                                Map.of(
                                        "type",
                                        "integer",
                                        "minimum",
                                        1,
                                        "maximum",
                                        PatternProjection.FOLLOWS_WITHIN.toMinutes()),
                                "60")
                        .response(200, "the patterns, each with its supporting events", ref("PatternList"))
                        .response(400, "an unknown kind or a bad window", ref("Error"))
                        .build(),
                this::patterns);
        routes.tenant(
                RouteSpec.of("GET", "/v1/risk/{id}")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary(
                                "The risk that an incident follows a pull request or deployment within the hour: a score"
                                        + " with its features (areas, size, the author's history there, time), each cited")
                        .query("asOf", ClaimsApi.AS_OF, string())
                        .response(200, "the score and its features", ref("Risk"))
                        .response(400, "the entity is not a pull request or a deployment", ref("Error"))
                        .response(404, "no such entity", ref("Error"))
                        .build(),
                this::risk);
    }

    private void patterns(Context ctx, TenantId tenant) {
        long within = QueryParams.whole(ctx, "within", 60);
        if (within < 1 || within > PatternProjection.FOLLOWS_WITHIN.toMinutes()) {
            throw new InvalidInput(
                    "within must be between 1 and " + PatternProjection.FOLLOWS_WITHIN.toMinutes() + " minutes");
        }
        String kind = QueryParams.text(ctx, "kind");
        ctx.json(new PatternList(
                store.checkpoint(tenant).seq(), within, patterns.of(tenant, kind, Duration.ofMinutes(within))));
    }

    private void risk(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        AsOf asOf = AsOf.parse(QueryParams.text(ctx, "asOf"));
        var entity = graph.entity(tenant, id, asOf)
                .orElseThrow(() -> ApiError.notFound(
                        asOf.isNow()
                                ? "no entity '" + id + "' in this tenant; find ids with GET /v1/entities?q="
                                : "entity '" + id + "' was not yet known at asOf"));
        Risk r = risk.of(tenant, entity, asOf);
        ctx.json(r);
    }
}
