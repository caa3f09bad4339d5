package dev.lightfast.store.postgres;

import dev.lightfast.core.tenant.DuplicateTenant;
import dev.lightfast.core.tenant.StoredApiKey;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tenants (a directory every admin call may list) and their API keys (walled by tenant). */
final class PostgresTenantStore implements TenantStore {
    private static final String KEY_COLUMNS = "tenant_id, key_id, secret_hash, created_at, scopes";
    private final TenantScope scope;

    PostgresTenantStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public Tenant create(Tenant tenant, StoredApiKey firstKey) {
        return scope.inTenant(tenant.id(), "creating tenant " + tenant.id(), c -> {
            try (var insertTenant = c.prepareStatement(
                    "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insertTenant.setString(1, tenant.id().value());
                insertTenant.setString(2, tenant.name());
                insertTenant.setObject(3, PostgresEventRows.time(tenant.createdAt()));
                if (insertTenant.executeUpdate() == 0) {
                    throw new DuplicateTenant(tenant.id());
                }
            }
            insertKey(c, firstKey);
            return tenant;
        });
    }

    static void insertKey(java.sql.Connection c, StoredApiKey key) throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO api_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, key.tenant().value());
            st.setString(2, key.keyId());
            st.setBytes(3, key.secretHash());
            st.setObject(4, PostgresEventRows.time(key.createdAt()));
            st.setString(5, dev.lightfast.core.tenant.Scope.store(key.scopes()));
            st.executeUpdate();
        }
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return scope.withoutTenant("reading tenant " + id, c -> {
            try (var st = c.prepareStatement("SELECT id, name, created_at FROM tenants WHERE id = ?")) {
                st.setString(1, id.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(tenant(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Tenant> list() {
        return scope.withoutTenant("listing tenants", c -> {
            try (var st = c.prepareStatement("SELECT id, name, created_at FROM tenants ORDER BY id");
                    var rs = st.executeQuery()) {
                var all = new ArrayList<Tenant>();
                while (rs.next()) {
                    all.add(tenant(rs));
                }
                return all;
            }
        });
    }

    @Override
    public Optional<StoredApiKey> findKey(String keyId) {
        return scope.naming(TenantScope.API_KEY_ID, keyId, "reading an API key", c -> {
            try (var st = c.prepareStatement("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_id = ?")) {
                st.setString(1, keyId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.empty();
                }
            }
        });
    }

    static StoredApiKey key(ResultSet rs) throws SQLException {
        return new StoredApiKey(
                rs.getString("key_id"),
                TenantId.of(rs.getString("tenant_id")),
                rs.getBytes("secret_hash"),
                PostgresEventRows.instant(rs, "created_at"),
                dev.lightfast.core.tenant.Scope.read(rs.getString("scopes")));
    }

    @Override
    public void addKey(StoredApiKey key) {
        scope.inTenant(key.tenant(), "adding an API key", c -> {
            insertKey(c, key);
            return null;
        });
    }

    static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(
                TenantId.of(rs.getString("id")), rs.getString("name"), PostgresEventRows.instant(rs, "created_at"));
    }
}
