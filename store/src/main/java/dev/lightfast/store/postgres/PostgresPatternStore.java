package dev.lightfast.store.postgres;

import static dev.lightfast.store.postgres.PostgresEventRows.instant;
import static dev.lightfast.store.postgres.PostgresEventRows.time;

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

/**
 * What the patterns projection noted, in PostgreSQL ({@code V9__claims_and_patterns.sql}), shared by
 * every server: the embedded store's semantics ({@code SqlitePatternStore}), each batch written by
 * the transaction holding the tenant's checkpoint row, like the rule verdicts.
 */
final class PostgresPatternStore implements PatternStore {
    private final TenantScope scope;

    PostgresPatternStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public Checkpoint checkpoint(TenantId tenant) {
        return scope.inTenant(tenant, "reading the patterns checkpoint of " + tenant, c -> {
            try (var st = c.prepareStatement("SELECT seq, log_time FROM pattern_checkpoints WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? new Checkpoint(rs.getLong("seq"), instant(rs, "log_time")) : Checkpoint.START;
                }
            }
        });
    }

    @Override
    public boolean apply(TenantId tenant, PatternDelta delta) {
        return scope.inTenant(tenant, "writing patterns for tenant " + tenant, c -> {
            TenantScope.expireIfSilent(c, PostgresGraphStore.LEASE_EXPIRY);
            Long held = lock(c, tenant.value());
            if (held == null) {
                try (var st = c.prepareStatement(
                        "INSERT INTO pattern_checkpoints (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
                held = lock(c, tenant.value());
            }
            if (held == null || held != delta.fromSeq()) {
                return false;
            }
            try (var put = c.prepareStatement("""
                    INSERT INTO pattern_observations (tenant_id, pattern, key, area, at, seq, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?::json)
                    ON CONFLICT (tenant_id, pattern, key) DO UPDATE SET
                      area = excluded.area, at = excluded.at, body = excluded.body""")) {
                for (Observation o : delta.observations()) {
                    put.setString(1, tenant.value());
                    put.setString(2, o.pattern());
                    put.setString(3, o.key());
                    put.setString(4, o.area());
                    put.setObject(5, time(o.at()));
                    put.setLong(6, o.seq());
                    put.setString(7, Json.MAPPER.writeValueAsString(o));
                    put.addBatch();
                }
                put.executeBatch();
            }
            try (var st =
                    c.prepareStatement("UPDATE pattern_checkpoints SET seq = ?, log_time = ? WHERE tenant_id = ?")) {
                st.setLong(1, delta.toSeq());
                st.setObject(2, delta.logTime() == null ? null : time(delta.logTime()));
                st.setString(3, tenant.value());
                st.executeUpdate();
            }
            return true;
        });
    }

    private static Long lock(Connection c, String tenant) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT seq FROM pattern_checkpoints WHERE tenant_id = ? FOR UPDATE SKIP LOCKED")) {
            st.setString(1, tenant);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    @Override
    public List<Observation> observations(TenantId tenant, String pattern) {
        return read(
                tenant,
                "SELECT body FROM pattern_observations WHERE tenant_id = ?"
                        + (pattern == null ? "" : " AND pattern = ?")
                        + " ORDER BY at, pattern, key",
                st -> {
                    st.setString(1, tenant.value());
                    if (pattern != null) {
                        st.setString(2, pattern);
                    }
                },
                rs -> Json.MAPPER.readValue(rs.getString(1), Observation.class));
    }

    @Override
    public List<Observation> observations(TenantId tenant, String pattern, String area, Instant from, Instant to) {
        return read(
                tenant,
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
                    st.setObject(i++, time(from));
                    st.setObject(i, time(to));
                },
                rs -> Json.MAPPER.readValue(rs.getString(1), Observation.class));
    }

    @Override
    public void reset(TenantId tenant) {
        scope.inTenant(tenant, "forgetting the patterns of " + tenant, c -> {
            for (String table : List.of("pattern_checkpoints", "pattern_observations")) {
                try (var st = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> read(TenantId tenant, String sql, Binder binder, RowMapper<T> mapper) {
        return scope.inTenant(tenant, "reading patterns of " + tenant, c -> {
            try (var st = c.prepareStatement(sql)) {
                binder.bind(st);
                List<T> out = new ArrayList<>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            }
        });
    }
}
