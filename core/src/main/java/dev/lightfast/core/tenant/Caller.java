package dev.lightfast.core.tenant;

import java.util.Set;

/** Who is calling: the tenant, the API key's id (what the audit trail names) and the key's scopes. */
public record Caller(TenantId tenant, String keyId, Set<Scope> scopes) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
