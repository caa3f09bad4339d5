package dev.lightfast.store.sqlite;

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
import javax.sql.DataSource;

/**
 * Claims, each voice's latest claim and the conflicts among them in the embedded store ({@code
 * lightfast.db}, migration {@code V9__claims_and_patterns.sql}), written through the derived pool
 * like the rule verdicts: a commit lost to a power cut is read again from the log.
 */
final class SqliteClaimStore implements ClaimStore {
    private static final List<String> TABLES = List.of("claim_checkpoints", "claims", "claim_heads", "claim_conflicts");

    private final DataSource ds;

    SqliteClaimStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public long checkpoint(TenantId tenant) {
        try (var c = ds.getConnection()) {
            return checkpoint(c, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the claims checkpoint of " + tenant + " failed", e);
        }
    }

    private static long checkpoint(Connection c, TenantId tenant) throws SQLException {
        try (var st = c.prepareStatement("SELECT seq FROM claim_checkpoints WHERE tenant_id = ?")) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public boolean apply(TenantId tenant, ClaimDelta delta) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (checkpoint(c, tenant) != delta.fromSeq()) {
                    c.rollback();
                    return false;
                }
                write(c, tenant.value(), delta);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing claims for tenant " + tenant + " failed", e);
        }
    }

    private static void write(Connection c, String tenant, ClaimDelta delta) throws SQLException {
        try (var add = c.prepareStatement(
                "INSERT OR IGNORE INTO claims (tenant_id, entity_id, attribute, seq, ordinal, body) VALUES (?, ?, ?, ?, ?, ?)")) {
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
                INSERT INTO claim_heads (tenant_id, entity_id, attribute, voice, seq, body) VALUES (?, ?, ?, ?, ?, ?)
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
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, entity_id, attribute, opened_seq) DO UPDATE SET
                  closed_seq = excluded.closed_seq, closed_at = excluded.closed_at, body = excluded.body""")) {
            for (Conflict x : delta.conflicts()) {
                conflict.setString(1, tenant);
                conflict.setString(2, x.entityId());
                conflict.setString(3, x.attribute());
                conflict.setLong(4, x.openedSeq());
                conflict.setLong(5, EpochMicros.of(x.openedAt()));
                if (x.closedSeq() == null) {
                    conflict.setNull(6, java.sql.Types.INTEGER);
                    conflict.setNull(7, java.sql.Types.INTEGER);
                } else {
                    conflict.setLong(6, x.closedSeq());
                    conflict.setLong(7, EpochMicros.of(x.closedAt()));
                }
                conflict.setString(8, Json.MAPPER.writeValueAsString(x));
                conflict.addBatch();
            }
            conflict.executeBatch();
        }
        try (var st = c.prepareStatement("""
                INSERT INTO claim_checkpoints (tenant_id, seq) VALUES (?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq""")) {
            st.setString(1, tenant);
            st.setLong(2, delta.toSeq());
            st.executeUpdate();
        }
    }

    /** A claim's place among its event's claims, from its id ({@code <event id>#<n>}). */
    static int ordinal(Claim claim) {
        int hash = claim.id().lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(claim.id().substring(hash + 1));
    }

    @Override
    public List<Claim> claims(TenantId tenant, String entityId, String attribute) {
        var out = new ArrayList<Claim>();
        query(
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
                rs -> out.add(Json.MAPPER.readValue(rs.getString(1), Claim.class)));
        return out;
    }

    @Override
    public List<Claim> heads(TenantId tenant) {
        var out = new ArrayList<Claim>();
        query(
                "SELECT body FROM claim_heads WHERE tenant_id = ? ORDER BY entity_id, attribute, voice",
                st -> st.setString(1, tenant.value()),
                rs -> out.add(Json.MAPPER.readValue(rs.getString(1), Claim.class)));
        return out;
    }

    @Override
    public List<Conflict> open(TenantId tenant) {
        var out = new ArrayList<Conflict>();
        query(
                "SELECT body FROM claim_conflicts WHERE tenant_id = ? AND closed_seq IS NULL"
                        + " ORDER BY opened_seq, entity_id, attribute",
                st -> st.setString(1, tenant.value()),
                rs -> out.add(Json.MAPPER.readValue(rs.getString(1), Conflict.class)));
        return out;
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
            args.add(EpochMicros.of(q.asOf().time()));
            args.add(EpochMicros.of(q.asOf().time()));
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
        var found = new ArrayList<Conflict>();
        var positions = new ArrayList<ConflictQuery.Position>();
        query(
                sql.toString(),
                st -> {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                },
                rs -> {
                    found.add(Json.MAPPER.readValue(rs.getString(1), Conflict.class));
                    positions.add(new ConflictQuery.Position(rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        if (found.size() <= q.limit()) {
            return new ConflictPage(found, null);
        }
        return new ConflictPage(found.subList(0, q.limit()), positions.get(q.limit() - 1));
    }

    @Override
    public Optional<EntityRef> entity(TenantId tenant, String entityId) {
        var out = new ArrayList<EntityRef>();
        query(
                "SELECT body FROM claims WHERE tenant_id = ? AND entity_id = ? ORDER BY seq, ordinal LIMIT 1",
                st -> {
                    st.setString(1, tenant.value());
                    st.setString(2, entityId);
                },
                rs -> out.add(
                        Json.MAPPER.readValue(rs.getString(1), Claim.class).entity()));
        return out.stream().findFirst();
    }

    @Override
    public void reset(TenantId tenant) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : TABLES) {
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
            throw new IllegalStateException("forgetting the claims of " + tenant + " failed", e);
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
            throw new IllegalStateException("reading claims failed: " + e.getMessage(), e);
        }
    }
}
