package dev.lightfast.server.http;

import dev.lightfast.core.tenant.Caller;
import io.javalin.http.Context;

/** A handler for a tenant's route that is given the calling key as well: its id and scopes. */
@FunctionalInterface
public interface CallerHandler {
    void handle(Context ctx, Caller caller) throws Exception;
}
