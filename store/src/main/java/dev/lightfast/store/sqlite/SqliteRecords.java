package dev.lightfast.store.sqlite;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.StoredApiKey;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.body.RawBodyCodec;
import dev.lightfast.store.copy.TenantRecords;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/** Everything the embedded store holds, tenant by tenant, for copying it elsewhere. */
final class SqliteRecords implements TenantRecords {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    private final DataSource ds;
    private final SecretKeys keys;

    /** @param keys open the webhook secrets: a copy carries them in the clear, to be sealed anew where it goes */
    SqliteRecords(DataSource ds, SecretKeys keys) {
        this.ds = ds;
        this.keys = keys;
    }

    /** A query's rows, one at a time. */
    @FunctionalInterface
    private interface Row<T> {
        T read(java.sql.ResultSet rs) throws SQLException;
    }

    private <T> void query(String sql, TenantId tenant, Row<T> row, Sink<T> sink) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement(sql)) {
            if (tenant != null) {
                st.setString(1, tenant.value());
            }
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the embedded store failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> list(String sql, TenantId tenant, Row<T> row) {
        var all = new ArrayList<T>();
        query(sql, tenant, row, all::add);
        return all;
    }

    @Override
    public List<TenantId> tenantIds() {
        return list(
                "SELECT id FROM tenants UNION SELECT tenant_id FROM deliveries UNION SELECT tenant_id FROM events"
                        + " ORDER BY 1",
                null,
                rs -> TenantId.of(rs.getString(1)));
    }

    @Override
    public Optional<Tenant> tenant(TenantId id) {
        return list(
                        "SELECT id, name, created_at FROM tenants WHERE id = ?",
                        id,
                        rs -> new Tenant(
                                TenantId.of(rs.getString(1)), rs.getString(2), EpochMicros.toInstant(rs.getLong(3))))
                .stream()
                .findFirst();
    }

    @Override
    public List<StoredApiKey> apiKeys(TenantId tenant) {
        return list(
                "SELECT key_id, secret_hash, created_at, scopes FROM api_keys WHERE tenant_id = ? ORDER BY key_id",
                tenant,
                rs -> new StoredApiKey(
                        rs.getString(1),
                        tenant,
                        rs.getBytes(2),
                        EpochMicros.toInstant(rs.getLong(3)),
                        dev.lightfast.core.tenant.Scope.read(rs.getString(4))));
    }

    @Override
    public List<Connection> connections(TenantId tenant) {
        return list(
                "SELECT id, provider, secret, created_at FROM connections WHERE tenant_id = ? ORDER BY id",
                tenant,
                rs -> new Connection(
                        rs.getString(1),
                        tenant,
                        rs.getString(2),
                        keys.open(rs.getString(3), rs.getString(1)),
                        EpochMicros.toInstant(rs.getLong(4))));
    }

    @Override
    public void deliveries(TenantId tenant, Sink<RawDelivery> sink) {
        query(
                "SELECT id, source, connection_id, delivery_key, event_name, headers, body, received_at, body_codec"
                        + " FROM deliveries WHERE tenant_id = ? ORDER BY id",
                tenant,
                rs -> new RawDelivery(
                        rs.getString(1),
                        tenant,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Json.MAPPER.readValue(rs.getString(6), HEADERS),
                        RawBodyCodec.shared().decode(rs.getInt(9), rs.getBytes(7)),
                        EpochMicros.toInstant(rs.getLong(8))),
                sink);
    }

    @Override
    public void events(TenantId tenant, Sink<Event> sink) {
        query(
                "SELECT " + EventRows.COLUMNS + " FROM events WHERE tenant_id = ? ORDER BY seq",
                tenant,
                rs -> EventRows.read(tenant, rs),
                sink);
    }
}
