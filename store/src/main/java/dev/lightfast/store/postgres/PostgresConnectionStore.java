package dev.lightfast.store.postgres;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connected tools, walled by tenant; a webhook may look up the one connection its URL names. Webhook
 * secrets are sealed ({@link SecretKeys}) before they are written and opened as they are read: the
 * database never holds one it could give away alone.
 */
final class PostgresConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "tenant_id, id, provider, secret, created_at";
    private final TenantScope scope;
    private final SecretKeys keys;
    /**
     * Every webhook looks its connection up; connections never change once made (there is no update
     * or delete path yet), so a found one is kept. Whoever adds revocation must evict here, and tell
     * the other server processes.
     */
    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();

    PostgresConnectionStore(TenantScope scope, SecretKeys keys) {
        this.scope = scope;
        this.keys = keys;
    }

    /**
     * Seals every secret of these tenants written before sealing, and seals again every one sealed
     * with a retired key; fails, naming the key, when one cannot be opened with the keys given. Each
     * tenant in a transaction of its own (row-level security shows one tenant at a time), each row
     * changed only if it still holds what was read, so servers starting at once do it once.
     *
     * @return how many secrets were sealed (again)
     */
    int sealAll(List<TenantId> tenants) {
        int sealed = 0;
        for (TenantId tenant : tenants) {
            sealed += scope.inTenant(tenant, "sealing the webhook secrets of " + tenant, c -> {
                var stale = new java.util.LinkedHashMap<String, String>();
                try (var st = c.prepareStatement("SELECT id, secret FROM connections WHERE tenant_id = ?")) {
                    st.setString(1, tenant.value());
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            String stored = rs.getString(2);
                            keys.open(stored, id); // fails now, at start, not on the connection's next webhook
                            if (keys.needsSealing(stored)) {
                                stale.put(id, stored);
                            }
                        }
                    }
                }
                int n = 0;
                try (var st = c.prepareStatement(
                        "UPDATE connections SET secret = ? WHERE tenant_id = ? AND id = ? AND secret = ?")) {
                    for (var e : stale.entrySet()) {
                        st.setString(1, keys.seal(keys.open(e.getValue(), e.getKey()), e.getKey()));
                        st.setString(2, tenant.value());
                        st.setString(3, e.getKey());
                        st.setString(4, e.getValue());
                        n += st.executeUpdate();
                    }
                }
                return n;
            });
        }
        return sealed;
    }

    @Override
    public Connection create(Connection connection) {
        return scope.inTenant(connection.tenant(), "creating connection " + connection.id(), c -> {
            insert(c, connection, keys);
            return connection;
        });
    }

    static void insert(java.sql.Connection c, Connection connection, SecretKeys keys) throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, connection.tenant().value());
            st.setString(2, connection.id());
            st.setString(3, connection.provider());
            st.setString(4, keys.seal(connection.secret(), connection.id()));
            st.setObject(5, PostgresEventRows.time(connection.createdAt()));
            st.executeUpdate();
        }
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        Connection known = byId.get(connectionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Connection> found =
                scope.naming(TenantScope.CONNECTION_ID, connectionId, "reading connection " + connectionId, c -> {
                    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM connections WHERE id = ?")) {
                        st.setString(1, connectionId);
                        try (var rs = st.executeQuery()) {
                            return rs.next() ? Optional.of(connection(rs, keys)) : Optional.empty();
                        }
                    }
                });
        found.ifPresent(c -> byId.put(c.id(), c));
        return found;
    }

    @Override
    public List<Connection> list(TenantId tenant) {
        return scope.inTenant(tenant, "listing connections", c -> list(c, tenant, keys));
    }

    static List<Connection> list(java.sql.Connection c, TenantId tenant, SecretKeys keys) throws SQLException {
        try (var st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? ORDER BY created_at, id")) {
            st.setString(1, tenant.value());
            var all = new ArrayList<Connection>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(connection(rs, keys));
                }
            }
            return all;
        }
    }

    static Connection connection(ResultSet rs, SecretKeys keys) throws SQLException {
        String id = rs.getString("id");
        return new Connection(
                id,
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("provider"),
                keys.open(rs.getString("secret"), id),
                PostgresEventRows.instant(rs, "created_at"));
    }
}
