package dev.lightfast.server.events;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /v1/deliveries/{id}/body}: a raw delivery's body byte for byte as the tool sent it (it is
 * kept compressed; this is the bytes it signed), so that anyone can check the tool's signature again
 * or re-derive events from it. Events carry their delivery's id as {@code rawRef}.
 */
public final class DeliveryBodyApi {
    private final EventLog log;

    public DeliveryBodyApi(EventLog log) {
        this.log = log;
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/deliveries/{id}/body")
                        .tag("events")
                        .auth(Auth.TENANT)
                        .summary("A raw delivery's body, byte for byte as received (the bytes the tool signed)")
                        .response(
                                200,
                                "the body exactly as received, with the Content-Type the tool sent",
                                Map.of("type", "string", "format", "binary"))
                        .response(404, "no such delivery for this tenant", ref("Error"))
                        .build(),
                this::body);
    }

    private void body(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var raw = log.findRaw(tenant, id)
                .orElseThrow(() -> ApiError.notFound(
                        "no delivery '" + id + "' in this tenant; an event's rawRef" + " names its delivery"));
        String type = raw.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("application/octet-stream");
        ctx.contentType(type).result(raw.body());
    }
}
