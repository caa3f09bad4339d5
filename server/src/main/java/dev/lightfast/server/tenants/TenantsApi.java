package dev.lightfast.server.tenants;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;

/** {@code POST /v1/admin/tenants}: the operator creates a tenant and receives its first API key. */
public final class TenantsApi {
    private final TenantStore tenants;
    private final Clock clock;

    public TenantsApi(TenantStore tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    record NewTenant(String id, String name) {}

    record Created(Tenant tenant, String apiKey) {}

    public void register(Routes routes) {
        routes.admin(
                RouteSpec.of("POST", "/v1/admin/tenants")
                        .tag("admin")
                        .auth(Auth.ADMIN)
                        .summary("Create a tenant and its first API key (shown once)")
                        .request(ref("NewTenant"), java.util.Map.of("id", "acme", "name", "Acme"))
                        .response(201, "the tenant and its API key", ref("CreatedTenant"))
                        .response(409, "a tenant with that id exists", ref("Error"))
                        .build(),
                this::create);
    }

    private void create(Context ctx) {
        var body = RequestBodies.optional(ctx, NewTenant.class, new NewTenant(null, null));
        TenantId id = body.id() == null
                ? TenantId.of("t_" + dev.lightfast.core.event.Ids.ulid().toLowerCase(Locale.ROOT))
                : TenantId.of(body.id());
        String name = body.name() == null || body.name().isBlank()
                ? id.value()
                : body.name().strip();
        if (name.length() > 200) {
            throw ApiError.badRequest("name must be at most 200 characters");
        }
        var now = clock.instant();
        var key = ApiKeys.issue(id, now);
        var tenant = tenants.create(new Tenant(id, name, now), key.stored());
        ctx.status(201).json(new Created(tenant, key.plaintext()));
    }
}
