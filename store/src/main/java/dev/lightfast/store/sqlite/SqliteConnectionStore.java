package dev.lightfast.store.sqlite;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

final class SqliteConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "tenant_id, id, provider, secret, created_at";
    private final DataSource ds;
    /**
     * Every webhook looks its connection up; connections never change once made (there is no update
     * or delete path yet), so a found one is kept. Whoever adds revocation must evict here.
     */
    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();

    SqliteConnectionStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Connection create(Connection connection) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, connection.tenant().value());
            st.setString(2, connection.id());
            st.setString(3, connection.provider());
            st.setString(4, connection.secret());
            st.setLong(5, EpochMicros.of(connection.createdAt()));
            st.executeUpdate();
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("creating connection " + connection.id() + " failed", e);
        }
    }

    @Override
    public Optional<Connection> find(String connectionId) {
        Connection known = byId.get(connectionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Connection> found = load(connectionId);
        found.ifPresent(c -> byId.put(c.id(), c));
        return found;
    }

    private Optional<Connection> load(String connectionId) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("SELECT " + COLUMNS + " FROM connections WHERE id = ?")) {
            st.setString(1, connectionId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(connection(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading connection " + connectionId + " failed", e);
        }
    }

    @Override
    public List<Connection> list(TenantId tenant) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? ORDER BY created_at, id")) {
            st.setString(1, tenant.value());
            var all = new ArrayList<Connection>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(connection(rs));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("listing connections failed", e);
        }
    }

    private static Connection connection(ResultSet rs) throws SQLException {
        return new Connection(
                rs.getString("id"),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("provider"),
                rs.getString("secret"),
                EpochMicros.toInstant(rs.getLong("created_at")));
    }
}
