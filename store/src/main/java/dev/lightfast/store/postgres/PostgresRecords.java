package dev.lightfast.store.postgres;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.StoredApiKey;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.copy.TenantRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL holds, tenant by tenant, read through the same walls as everything else: each
 * read in a transaction scoped to its tenant, or inside one such transaction that is already open
 * (a copy checks what it wrote before it commits).
 */
final class PostgresRecords implements TenantRecords {
    private static final int FETCH = 500;
    private final TenantScope scope;
    private final java.sql.Connection open;
    private final SecretKeys keys;

    /** Reads each in its own transaction; webhook secrets are opened with {@code keys}. */
    PostgresRecords(TenantScope scope, SecretKeys keys) {
        this.scope = scope;
        this.open = null;
        this.keys = keys;
    }

    /** Reads inside {@code open}, a transaction already scoped to the tenant asked about. */
    PostgresRecords(java.sql.Connection open, SecretKeys keys) {
        this.scope = null;
        this.open = open;
        this.keys = keys;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> void query(TenantId tenant, String sql, Row<T> row, Sink<T> sink) {
        TenantScope.Work<Void> work = c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setFetchSize(FETCH); // a cursor: a tenant's whole log never sits in memory
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row.read(rs));
                    }
                }
            }
            return null;
        };
        if (open != null) {
            try {
                work.run(open);
            } catch (SQLException e) {
                throw new IllegalStateException("reading tenant " + tenant + " failed: " + e.getMessage(), e);
            }
        } else {
            scope.inTenant(tenant, "reading tenant " + tenant, work);
        }
    }

    private <T> List<T> list(TenantId tenant, String sql, Row<T> row) {
        var all = new ArrayList<T>();
        query(tenant, sql, row, all::add);
        return all;
    }

    /** The directory of tenants: the log's rows are walled, so a tenant missing from it is not listed. */
    @Override
    public List<TenantId> tenantIds() {
        if (scope == null) {
            throw new IllegalStateException("listing tenants needs its own transaction");
        }
        return scope.withoutTenant("listing tenants", c -> {
            try (var st = c.prepareStatement("SELECT id FROM tenants ORDER BY id");
                    var rs = st.executeQuery()) {
                var ids = new ArrayList<TenantId>();
                while (rs.next()) {
                    ids.add(TenantId.of(rs.getString(1)));
                }
                return ids;
            }
        });
    }

    @Override
    public Optional<Tenant> tenant(TenantId id) {
        return list(id, "SELECT id, name, created_at FROM tenants WHERE id = ?", PostgresTenantStore::tenant).stream()
                .findFirst();
    }

    @Override
    public List<StoredApiKey> apiKeys(TenantId tenant) {
        return list(
                tenant,
                "SELECT tenant_id, key_id, secret_hash, created_at, scopes FROM api_keys WHERE tenant_id = ?"
                        + " ORDER BY key_id",
                PostgresTenantStore::key);
    }

    @Override
    public List<Connection> connections(TenantId tenant) {
        return list(
                tenant,
                "SELECT tenant_id, id, provider, secret, created_at FROM connections WHERE tenant_id = ?"
                        + " ORDER BY id",
                rs -> PostgresConnectionStore.connection(rs, keys));
    }

    @Override
    public void deliveries(TenantId tenant, Sink<RawDelivery> sink) {
        query(
                tenant,
                "SELECT " + PostgresEventRows.DELIVERY_COLUMNS + " FROM deliveries WHERE tenant_id = ? ORDER BY id",
                rs -> PostgresEventRows.readDelivery(tenant, rs),
                sink);
    }

    @Override
    public void events(TenantId tenant, Sink<Event> sink) {
        query(
                tenant,
                "SELECT " + PostgresEventRows.EVENT_COLUMNS + " FROM events WHERE tenant_id = ? ORDER BY seq",
                rs -> PostgresEventRows.readEvent(tenant, rs),
                sink);
    }
}
