package dev.lightfast.store.sqlite;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternDelta;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the patterns projection noted, in the embedded store ({@code lightfast.db}, migration {@code
 * V9__claims_and_patterns.sql}), written through the derived pool like the rule verdicts.
 */
final class SqlitePatternStore implements PatternStore {
    private final DataSource ds;

    SqlitePatternStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Checkpoint checkpoint(TenantId tenant) {
        try (var c = ds.getConnection()) {
            return checkpoint(c, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the patterns checkpoint of " + tenant + " failed", e);
        }
    }

    private static Checkpoint checkpoint(Connection c, TenantId tenant) throws SQLException {
        try (var st = c.prepareStatement("SELECT seq, log_time FROM pattern_checkpoints WHERE tenant_id = ?")) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Checkpoint.START;
                }
                long time = rs.getLong(2);
                return new Checkpoint(rs.getLong(1), rs.wasNull() ? null : EpochMicros.toInstant(time));
            }
        }
    }

    @Override
    public boolean apply(TenantId tenant, PatternDelta delta) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (checkpoint(c, tenant).seq() != delta.fromSeq()) {
                    c.rollback();
                    return false;
                }
                try (var put = c.prepareStatement("""
                        INSERT INTO pattern_observations (tenant_id, pattern, key, area, at, seq, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, pattern, key) DO UPDATE SET
                          area = excluded.area, at = excluded.at, body = excluded.body""")) {
                    for (Observation o : delta.observations()) {
                        put.setString(1, tenant.value());
                        put.setString(2, o.pattern());
                        put.setString(3, o.key());
                        put.setString(4, o.area());
                        put.setLong(5, EpochMicros.of(o.at()));
                        put.setLong(6, o.seq());
                        put.setString(7, Json.MAPPER.writeValueAsString(o));
                        put.addBatch();
                    }
                    put.executeBatch();
                }
                try (var st = c.prepareStatement("""
                        INSERT INTO pattern_checkpoints (tenant_id, seq, log_time) VALUES (?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq, log_time = excluded.log_time""")) {
                    st.setString(1, tenant.value());
                    st.setLong(2, delta.toSeq());
                    if (delta.logTime() == null) {
                        st.setNull(3, java.sql.Types.INTEGER);
                    } else {
                        st.setLong(3, EpochMicros.of(delta.logTime()));
                    }
                    st.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing patterns for tenant " + tenant + " failed", e);
        }
    }

    @Override
    public List<Observation> observations(TenantId tenant, String pattern) {
        var out = new ArrayList<Observation>();
        query(
                "SELECT body FROM pattern_observations WHERE tenant_id = ?"
                        + (pattern == null ? "" : " AND pattern = ?")
                        + " ORDER BY at, pattern, key",
                st -> {
                    st.setString(1, tenant.value());
                    if (pattern != null) {
                        st.setString(2, pattern);
                    }
                },
                rs -> out.add(Json.MAPPER.readValue(rs.getString(1), Observation.class)));
        return out;
    }

    @Override
    public List<Observation> observations(TenantId tenant, String pattern, String area, Instant from, Instant to) {
        var out = new ArrayList<Observation>();
        query(
                "SELECT body FROM pattern_observations WHERE tenant_id = ? AND pattern = ?"
                        + (area == null ? "" : " AND area = ?")
                        + " AND at >= ? AND at < ? ORDER BY at, key",
                st -> {
                    int i = 1;
                    st.setString(i++, tenant.value());
                    st.setString(i++, pattern);
                    if (area != null) {
                        st.setString(i++, area);
                    }
                    st.setLong(i++, EpochMicros.of(from));
                    st.setLong(i, EpochMicros.of(to));
                },
                rs -> out.add(Json.MAPPER.readValue(rs.getString(1), Observation.class)));
        return out;
    }

    @Override
    public void reset(TenantId tenant) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : List.of("pattern_checkpoints", "pattern_observations")) {
                    try (var st = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                        st.setString(1, tenant.value());
                        st.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("forgetting the patterns of " + tenant + " failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading patterns failed: " + e.getMessage(), e);
        }
    }
}
