package dev.lightfast.core.tenant;

import java.util.List;
import java.util.Optional;

/** Storage port for tenants and their API keys. */
public interface TenantStore {

    /** Creates the tenant together with its first key, atomically. */
    Tenant create(Tenant tenant, StoredApiKey firstKey);

    Optional<Tenant> find(TenantId id);

    List<Tenant> list();

    /** Looks a key up by its public id, across tenants: the key is what tells us the tenant. */
    Optional<StoredApiKey> findKey(String keyId);

    /** Adds another key to an existing tenant (with its scopes). */
    void addKey(StoredApiKey key);
}
