package dev.lightfast.store.sqlite;

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
import javax.sql.DataSource;

/**
 * Connected tools. Their webhook secrets are sealed ({@link SecretKeys}) before they are written and
 * opened as they are read, so the database file alone gives none of them away.
 */
final class SqliteConnectionStore implements ConnectionStore {
    private static final String COLUMNS = "tenant_id, id, provider, secret, created_at";
    private final DataSource ds;
    private final SecretKeys keys;
    /**
     * Every webhook looks its connection up; connections never change once made (there is no update
     * or delete path yet), so a found one is kept. Whoever adds revocation must evict here.
     */
    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();

    SqliteConnectionStore(DataSource ds, SecretKeys keys) {
        this.ds = ds;
        this.keys = keys;
    }

    /**
     * Seals every secret written before sealing, and seals again every one sealed with a retired key;
     * fails, naming the key, when one cannot be opened with the keys given. Run once as the store
     * opens: after it, the database holds no secret in the clear.
     *
     * @return how many secrets were sealed (again)
     */
    int sealAll() {
        int sealed = 0;
        try (var c = ds.getConnection();
                var select = c.prepareStatement("SELECT id, secret FROM connections");
                var update = c.prepareStatement("UPDATE connections SET secret = ? WHERE id = ? AND secret = ?")) {
            var stale = new java.util.LinkedHashMap<String, String>();
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String stored = rs.getString(2);
                    keys.open(stored, id); // fails now, at start, rather than on the connection's next webhook
                    if (keys.needsSealing(stored)) {
                        stale.put(id, stored);
                    }
                }
            }
            for (var e : stale.entrySet()) {
                update.setString(1, keys.seal(keys.open(e.getValue(), e.getKey()), e.getKey()));
                update.setString(2, e.getKey());
                update.setString(3, e.getValue());
                sealed += update.executeUpdate();
            }
            return sealed;
        } catch (SQLException e) {
            throw new IllegalStateException("sealing the webhook secrets failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection create(Connection connection) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, connection.tenant().value());
            st.setString(2, connection.id());
            st.setString(3, connection.provider());
            st.setString(4, keys.seal(connection.secret(), connection.id()));
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

    private Connection connection(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Connection(
                id,
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("provider"),
                keys.open(rs.getString("secret"), id),
                EpochMicros.toInstant(rs.getLong("created_at")));
    }
}
