package dev.lightfast.store.sqlite;

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
import javax.sql.DataSource;

final class SqliteTenantStore implements TenantStore {
    private final DataSource ds;

    SqliteTenantStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Tenant create(Tenant tenant, StoredApiKey firstKey) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (var exists = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?");
                    var insertTenant =
                            c.prepareStatement("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)");
                    var insertKey = c.prepareStatement(
                            "INSERT INTO api_keys (tenant_id, key_id, secret_hash, created_at, scopes) VALUES (?, ?, ?, ?, ?)")) {
                exists.setString(1, tenant.id().value());
                try (var rs = exists.executeQuery()) {
                    if (rs.next()) {
                        c.rollback();
                        throw new DuplicateTenant(tenant.id());
                    }
                }
                insertTenant.setString(1, tenant.id().value());
                insertTenant.setString(2, tenant.name());
                insertTenant.setLong(3, EpochMicros.of(tenant.createdAt()));
                insertTenant.executeUpdate();
                insertKey.setString(1, tenant.id().value());
                insertKey.setString(2, firstKey.keyId());
                insertKey.setBytes(3, firstKey.secretHash());
                insertKey.setLong(4, EpochMicros.of(firstKey.createdAt()));
                insertKey.setString(5, dev.lightfast.core.tenant.Scope.store(firstKey.scopes()));
                insertKey.executeUpdate();
                c.commit();
                return tenant;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating tenant " + tenant.id() + " failed", e);
        }
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("SELECT id, name, created_at FROM tenants WHERE id = ?")) {
            st.setString(1, id.value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(tenant(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading tenant " + id + " failed", e);
        }
    }

    @Override
    public List<Tenant> list() {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("SELECT id, name, created_at FROM tenants ORDER BY id");
                var rs = st.executeQuery()) {
            var all = new ArrayList<Tenant>();
            while (rs.next()) {
                all.add(tenant(rs));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("listing tenants failed", e);
        }
    }

    @Override
    public Optional<StoredApiKey> findKey(String keyId) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement(
                        "SELECT tenant_id, key_id, secret_hash, created_at, scopes FROM api_keys WHERE key_id = ?")) {
            st.setString(1, keyId);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredApiKey(
                        rs.getString("key_id"),
                        TenantId.of(rs.getString("tenant_id")),
                        rs.getBytes("secret_hash"),
                        EpochMicros.toInstant(rs.getLong("created_at")),
                        dev.lightfast.core.tenant.Scope.read(rs.getString("scopes"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading an API key failed", e);
        }
    }

    @Override
    public void addKey(StoredApiKey key) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("INSERT INTO api_keys (tenant_id, key_id, secret_hash, created_at, scopes)"
                        + " SELECT id, ?, ?, ?, ? FROM tenants WHERE id = ?")) {
            st.setString(1, key.keyId());
            st.setBytes(2, key.secretHash());
            st.setLong(3, EpochMicros.of(key.createdAt()));
            st.setString(4, dev.lightfast.core.tenant.Scope.store(key.scopes()));
            st.setString(5, key.tenant().value());
            if (st.executeUpdate() == 0) {
                throw new IllegalStateException("no tenant " + key.tenant() + " to add a key to");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("adding an API key failed", e);
        }
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(
                TenantId.of(rs.getString("id")), rs.getString("name"), EpochMicros.toInstant(rs.getLong("created_at")));
    }
}
