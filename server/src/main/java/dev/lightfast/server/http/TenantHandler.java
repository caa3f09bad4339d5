package dev.lightfast.server.http;

import dev.lightfast.core.tenant.TenantId;
import io.javalin.http.Context;

/** A handler for a tenant's route: it is given the caller's tenant and can reach nothing else. */
@FunctionalInterface
public interface TenantHandler {
    void handle(Context ctx, TenantId tenant) throws Exception;
}
