package dev.lightfast.core.tenant;

import java.time.Instant;
import java.util.Set;

/**
 * What is kept of an API key: its public id and a hash of its secret, never the secret itself, and
 * what the key may do.
 */
public record StoredApiKey(String keyId, TenantId tenant, byte[] secretHash, Instant createdAt, Set<Scope> scopes) {
    public StoredApiKey {
        scopes = scopes == null || scopes.isEmpty() ? Scope.ALL : Set.copyOf(scopes);
    }

    /** A key with every scope: a tenant's first key, and every key made before scopes. */
    public StoredApiKey(String keyId, TenantId tenant, byte[] secretHash, Instant createdAt) {
        this(keyId, tenant, secretHash, createdAt, Scope.ALL);
    }
}
