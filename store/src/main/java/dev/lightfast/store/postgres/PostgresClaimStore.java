package dev.lightfast.store.postgres;

import static dev.lightfast.store.postgres.PostgresEventRows.time;

import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimDelta;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.Conflict;
import dev.lightfast.core.claim.ConflictPage;
import dev.lightfast.core.claim.ConflictQuery;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims, heads and conflicts in PostgreSQL, shared by every server ({@code
 * V9__claims_and_patterns.sql}): the embedded store's tables and semantics ({@code
 * SqliteClaimStore}), each call one transaction scoped to its tenant. A batch is written only by the
 * transaction holding the tenant's checkpoint row ({@code FOR UPDATE SKIP LOCKED}) and only when the
 * checkpoint is still the one read from, like the rule verdicts ({@link PostgresRuleStore}).
 */
final class PostgresClaimStore implements ClaimStore {
    private static final List<String> TABLES = List.of("claim_checkpoints", "claims", "claim_heads", "claim_conflicts");

    private final TenantScope scope;

    PostgresClaimStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return scope.inTenant(tenant, "reading the claims checkpoint of " + tenant, c -> {
            try (var st = c.prepareStatement("SELECT seq FROM claim_checkpoints WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean apply(TenantId tenant, ClaimDelta delta) {
        return scope.inTenant(tenant, "writing claims for tenant " + tenant, c -> {
            TenantScope.expireIfSilent(c, PostgresGraphStore.LEASE_EXPIRY);
            Long held = lock(c, tenant.value());
            if (held == null) {
                try (var st = c.prepareStatement(
                        "INSERT INTO claim_checkpoints (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
                held = lock(c, tenant.value());
            }
            if (held == null || held != delta.fromSeq()) {
                return false; // another server is reading this tenant now, or has read this batch already
            }
            write(c, tenant.value(), delta);
            return true;
        });
    }

    private static Long lock(Connection c, String tenant) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT seq FROM claim_checkpoints WHERE tenant_id = ? FOR UPDATE SKIP LOCKED")) {
            st.setString(1, tenant);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void write(Connection c, String tenant, ClaimDelta delta) throws SQLException {
        try (var add = c.prepareStatement("""
                INSERT INTO claims (tenant_id, entity_id, attribute, seq, ordinal, body) VALUES (?, ?, ?, ?, ?, ?::json)
                ON CONFLICT DO NOTHING""")) {
            for (Claim claim : delta.claims()) {
                add.setString(1, tenant);
                add.setString(2, claim.entityId());
                add.setString(3, claim.attribute());
                add.setLong(4, claim.seq());
                add.setInt(5, ordinal(claim));
                add.setString(6, Json.MAPPER.writeValueAsString(claim));
                add.addBatch();
            }
            add.executeBatch();
        }
        try (var head = c.prepareStatement("""
                INSERT INTO claim_heads (tenant_id, entity_id, attribute, voice, seq, body) VALUES (?, ?, ?, ?, ?, ?::json)
                ON CONFLICT (tenant_id, entity_id, attribute, voice) DO UPDATE SET seq = excluded.seq, body = excluded.body""")) {
            for (Claim claim : delta.heads()) {
                head.setString(1, tenant);
                head.setString(2, claim.entityId());
                head.setString(3, claim.attribute());
                head.setString(4, claim.voice());
                head.setLong(5, claim.seq());
                head.setString(6, Json.MAPPER.writeValueAsString(claim));
                head.addBatch();
            }
            head.executeBatch();
        }
        try (var conflict = c.prepareStatement("""
                INSERT INTO claim_conflicts
                  (tenant_id, entity_id, attribute, opened_seq, opened_at, closed_seq, closed_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)
                ON CONFLICT (tenant_id, entity_id, attribute, opened_seq) DO UPDATE SET
                  closed_seq = excluded.closed_seq, closed_at = excluded.closed_at, body = excluded.body""")) {
            for (Conflict x : delta.conflicts()) {
                conflict.setString(1, tenant);
                conflict.setString(2, x.entityId());
                conflict.setString(3, x.attribute());
                conflict.setLong(4, x.openedSeq());
                conflict.setObject(5, time(x.openedAt()));
                if (x.closedSeq() == null) {
                    conflict.setNull(6, java.sql.Types.BIGINT);
                    conflict.setNull(7, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    conflict.setLong(6, x.closedSeq());
                    conflict.setObject(7, time(x.closedAt()));
                }
                conflict.setString(8, Json.MAPPER.writeValueAsString(x));
                conflict.addBatch();
            }
            conflict.executeBatch();
        }
        try (var st = c.prepareStatement("UPDATE claim_checkpoints SET seq = ? WHERE tenant_id = ?")) {
            st.setLong(1, delta.toSeq());
            st.setString(2, tenant);
            st.executeUpdate();
        }
    }

    private static int ordinal(Claim claim) {
        int hash = claim.id().lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(claim.id().substring(hash + 1));
    }

    @Override
    public List<Claim> claims(TenantId tenant, String entityId, String attribute) {
        return read(
                tenant,
                "SELECT body FROM claims WHERE tenant_id = ? AND entity_id = ?"
                        + (attribute == null ? "" : " AND attribute = ?")
                        + " ORDER BY seq, ordinal",
                st -> {
                    st.setString(1, tenant.value());
                    st.setString(2, entityId);
                    if (attribute != null) {
                        st.setString(3, attribute);
                    }
                },
                rs -> Json.MAPPER.readValue(rs.getString(1), Claim.class));
    }

    @Override
    public List<Claim> heads(TenantId tenant) {
        return read(
                tenant,
                "SELECT body FROM claim_heads WHERE tenant_id = ? ORDER BY entity_id, attribute, voice",
                st -> st.setString(1, tenant.value()),
                rs -> Json.MAPPER.readValue(rs.getString(1), Claim.class));
    }

    @Override
    public List<Conflict> open(TenantId tenant) {
        return read(
                tenant,
                "SELECT body FROM claim_conflicts WHERE tenant_id = ? AND closed_seq IS NULL"
                        + " ORDER BY opened_seq, entity_id, attribute",
                st -> st.setString(1, tenant.value()),
                rs -> Json.MAPPER.readValue(rs.getString(1), Conflict.class));
    }

    @Override
    public ConflictPage conflicts(TenantId tenant, ConflictQuery q) {
        var sql = new StringBuilder(
                "SELECT body, opened_seq, entity_id, attribute FROM claim_conflicts WHERE tenant_id = ?");
        var args = new ArrayList<Object>();
        args.add(tenant.value());
        if (q.asOf().seq() != null) {
            sql.append(" AND opened_seq <= ? AND (closed_seq IS NULL OR closed_seq > ?)");
            args.add(q.asOf().seq());
            args.add(q.asOf().seq());
        } else if (q.asOf().time() != null) {
            sql.append(" AND opened_at <= ? AND (closed_at IS NULL OR closed_at > ?)");
            args.add(time(q.asOf().time()));
            args.add(time(q.asOf().time()));
        } else {
            sql.append(" AND closed_seq IS NULL");
        }
        if (q.entityId() != null) {
            sql.append(" AND entity_id = ?");
            args.add(q.entityId());
        }
        if (q.attribute() != null) {
            sql.append(" AND attribute = ?");
            args.add(q.attribute());
        }
        if (q.before() != null) {
            sql.append(
                    " AND (opened_seq < ? OR (opened_seq = ? AND (entity_id < ? OR (entity_id = ? AND attribute < ?))))");
            args.add(q.before().openedSeq());
            args.add(q.before().openedSeq());
            args.add(q.before().entityId());
            args.add(q.before().entityId());
            args.add(q.before().attribute());
        }
        sql.append(" ORDER BY opened_seq DESC, entity_id DESC, attribute DESC LIMIT ?");
        args.add(q.limit() + 1);
        record Row(Conflict conflict, ConflictQuery.Position position) {}
        List<Row> rows = read(
                tenant,
                sql.toString(),
                st -> {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                },
                rs -> new Row(
                        Json.MAPPER.readValue(rs.getString(1), Conflict.class),
                        new ConflictQuery.Position(rs.getLong(2), rs.getString(3), rs.getString(4))));
        var found = rows.stream().map(Row::conflict).toList();
        if (rows.size() <= q.limit()) {
            return new ConflictPage(found, null);
        }
        return new ConflictPage(
                found.subList(0, q.limit()), rows.get(q.limit() - 1).position());
    }

    @Override
    public Optional<EntityRef> entity(TenantId tenant, String entityId) {
        return read(
                        tenant,
                        "SELECT body FROM claims WHERE tenant_id = ? AND entity_id = ? ORDER BY seq, ordinal LIMIT 1",
                        st -> {
                            st.setString(1, tenant.value());
                            st.setString(2, entityId);
                        },
                        rs -> Json.MAPPER
                                .readValue(rs.getString(1), Claim.class)
                                .entity())
                .stream()
                .findFirst();
    }

    @Override
    public void reset(TenantId tenant) {
        scope.inTenant(tenant, "forgetting the claims of " + tenant, c -> {
            for (String table : TABLES) {
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
        return scope.inTenant(tenant, "reading claims of " + tenant, c -> {
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
