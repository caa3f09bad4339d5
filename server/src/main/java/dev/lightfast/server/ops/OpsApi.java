package dev.lightfast.server.ops;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.openapi.OpenApiDocument;
import java.util.Map;

/** Liveness, metrics and the API description: the routes an operator or a client generator reads. */
public final class OpsApi {
    private static final TenantId PROBE = TenantId.of("_healthz");

    private final EventLog log;
    private final ServerMetrics metrics;
    private final String version;

    public OpsApi(EventLog log, ServerMetrics metrics, String version) {
        this.log = log;
        this.metrics = metrics;
        this.version = version;
    }

    public void register(Routes routes) {
        routes.open(
                RouteSpec.of("GET", "/healthz")
                        .summary("Liveness: the process serves and its store answers")
                        .response(200, "healthy", ref("Health"))
                        .build(),
                ctx -> {
                    log.lastSeq(PROBE); // a real query: a wedged database is not healthy
                    ctx.json(Map.of("status", "ok", "version", version));
                });
        routes.open(
                RouteSpec.of("GET", "/metrics")
                        .summary("Prometheus metrics")
                        .response(200, "metrics in the Prometheus text format", Map.of("type", "string"))
                        .build(),
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
        routes.open(
                RouteSpec.of("GET", "/openapi.json")
                        .summary("This API, described in OpenAPI 3.1")
                        .response(200, "the OpenAPI document", Map.of("type", "object"))
                        .build(),
                ctx -> ctx.json(OpenApiDocument.of(routes.specs(), version)));
    }
}
