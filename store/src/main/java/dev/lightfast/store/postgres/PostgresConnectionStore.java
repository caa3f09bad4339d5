package dev.lightfast.store.postgres;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Connected tools, walled by tenant; a webhook may look up the one connection its URL names. */
final class PostgresConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "tenant_id, id, provider, secret, created_at";
    private final TenantScope scope;
    /**
     * Every webhook looks its connection up; connections never change once made (there is no update
     * or delete path yet), so a found one is kept. Whoever adds revocation must evict here, and tell
     * the other server processes.
     */
    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();

    PostgresConnectionStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public Connection create(Connection connection) {
        return scope.inTenant(connection.tenant(), "creating connection " + connection.id(), c -> {
            insert(c, connection);
            return connection;
        });
    }

    static void insert(java.sql.Connection c, Connection connection) throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, connection.tenant().value());
            st.setString(2, connection.id());
            st.setString(3, connection.provider());
            st.setString(4, connection.secret());
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
                            return rs.next() ? Optional.of(connection(rs)) : Optional.empty();
                        }
                    }
                });
        found.ifPresent(c -> byId.put(c.id(), c));
        return found;
    }

    @Override
    public List<Connection> list(TenantId tenant) {
        return scope.inTenant(tenant, "listing connections", c -> list(c, tenant));
    }

    static List<Connection> list(java.sql.Connection c, TenantId tenant) throws SQLException {
        try (var st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? ORDER BY created_at, id")) {
            st.setString(1, tenant.value());
            var all = new ArrayList<Connection>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(connection(rs));
                }
            }
            return all;
        }
    }

    static Connection connection(ResultSet rs) throws SQLException {
        return new Connection(
                rs.getString("id"),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("provider"),
                rs.getString("secret"),
                PostgresEventRows.instant(rs, "created_at"));
    }
}
