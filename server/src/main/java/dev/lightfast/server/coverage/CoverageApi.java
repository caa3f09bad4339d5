package dev.lightfast.server.coverage;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.coverage.Coverage;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /v1/coverage}: what share of the team's work Lightfast observes, per connection and
 * across tools, with the largest groups of events nothing links to another tool's work.
 */
public final class CoverageApi {
    private final Coverage coverage;

    public CoverageApi(Coverage coverage) {
        this.coverage = coverage;
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/coverage")
                        .tag("coverage")
                        .auth(Auth.TENANT)
                        .summary("Per connection the last delivery, events per day and refused webhooks; across"
                                + " tools the share of events linked to another tool's work and the largest unlinked"
                                + " groups, each cited")
                        .query(
                                "days",
                                "the window's length in days, ending at `to` (default " + Coverage.DEFAULT_DAYS + ")",
                                Map.of("type", "integer", "minimum", 1, "maximum", Coverage.MAX_DAYS),
                                "14")
                        .query(
                                "to",
                                "the window's end, ISO-8601 (default: the end of today, UTC)",
                                Map.of("type", "string", "format", "date-time"))
                        .response(200, "the tenant's coverage", ref("Coverage"))
                        .build(),
                this::get);
    }

    private void get(Context ctx, TenantId tenant) {
        int days = QueryParams.bounded(ctx, "days", Coverage.DEFAULT_DAYS, 1, Coverage.MAX_DAYS);
        ctx.json(coverage.report(tenant, QueryParams.instant(ctx, "to"), days));
    }
}
