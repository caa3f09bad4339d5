package dev.lightfast.server.auth;

import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.server.http.ApiError;

/** Finds the tenant an API key belongs to; the key is the only thing that names a tenant. */
public final class ApiKeyAuthenticator {
    private final TenantStore tenants;

    public ApiKeyAuthenticator(TenantStore tenants) {
        this.tenants = tenants;
    }

    public TenantId authenticate(String authorization) {
        return caller(authorization).tenant();
    }

    /** The caller: tenant, key id and the key's scopes. */
    public Caller caller(String authorization) {
        String token = Bearer.token(authorization);
        if (token == null) {
            throw ApiError.unauthorized("this call needs 'Authorization: Bearer <api key>'; "
                    + "an admin creates a tenant and its key with POST /v1/admin/tenants");
        }
        return callerOfKey(token);
    }

    /** The caller of a key presented on its own (the console's sign-in form). */
    public Caller callerOfKey(String token) {
        var presented = ApiKeys.parse(token)
                .orElseThrow(() ->
                        ApiError.unauthorized("that is not a Lightfast API key (they look like lf_<id>_<secret>)"));
        return tenants.findKey(presented.keyId())
                .filter(stored -> ApiKeys.matches(presented, stored))
                .map(stored -> new Caller(stored.tenant(), stored.keyId(), stored.scopes()))
                .orElseThrow(() -> ApiError.unauthorized("unknown or revoked API key"));
    }
}
