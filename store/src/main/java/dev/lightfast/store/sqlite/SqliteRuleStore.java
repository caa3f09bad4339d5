package dev.lightfast.store.sqlite;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.PendingExpectation;
import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.RuleError;
import dev.lightfast.core.rule.RuleStats;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.ViolationPage;
import dev.lightfast.core.rule.ViolationQuery;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Violations, waiting expectations and rule errors in the embedded store ({@code lightfast.db},
 * migration {@code V5__rules.sql}). Written through a pool of its own whose commits do not wait for
 * the disk: like the graph it is derived, its checkpoint commits with it, so a commit lost to a
 * power cut is judged again; and its short transactions hold the file's write lock only briefly.
 */
final class SqliteRuleStore implements RuleStore {
    /** Errors kept per rule; the count in {@code rule_error_counts} has them all. */
    static final int ERRORS_KEPT = 50;

    private final DataSource ds;

    SqliteRuleStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public Checkpoint checkpoint(TenantId tenant) {
        try (var c = ds.getConnection()) {
            return checkpoint(c, tenant);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rules checkpoint of " + tenant + " failed", e);
        }
    }

    private static Checkpoint checkpoint(Connection c, TenantId tenant) throws SQLException {
        try (var st = c.prepareStatement("SELECT seq, log_time FROM rule_checkpoints WHERE tenant_id = ?")) {
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
    public boolean apply(TenantId tenant, RuleDelta delta) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (checkpoint(c, tenant).seq() != delta.fromSeq()) {
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
            throw new IllegalStateException("writing rule verdicts for tenant " + tenant + " failed", e);
        }
    }

    private static void write(Connection c, String tenant, RuleDelta delta) throws SQLException {
        try (var insert = c.prepareStatement("""
                        INSERT INTO violations (tenant_id, id, rule_id, status, resolvable, opened_seq, trigger_at, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                var entity = c.prepareStatement(
                        "INSERT OR IGNORE INTO violation_entities (tenant_id, entity_id, violation_id, opened_seq) VALUES (?, ?, ?, ?)")) {
            for (Violation v : delta.opened()) {
                insert.setString(1, tenant);
                insert.setString(2, v.id());
                insert.setString(3, v.rule().id());
                insert.setString(4, v.status().wire());
                insert.setInt(5, v.resolvable() ? 1 : 0);
                insert.setLong(6, v.openedSeq());
                insert.setLong(7, EpochMicros.of(v.trigger().occurredAt()));
                insert.setString(8, Json.MAPPER.writeValueAsString(v));
                insert.addBatch();
                for (String id : v.entities()) {
                    entity.setString(1, tenant);
                    entity.setString(2, id);
                    entity.setString(3, v.id());
                    entity.setLong(4, v.openedSeq());
                    entity.addBatch();
                }
            }
            insert.executeBatch();
            entity.executeBatch();
        }
        try (var update = c.prepareStatement(
                "UPDATE violations SET status = ?, resolvable = ?, body = ? WHERE tenant_id = ? AND id = ?")) {
            for (Violation v : delta.resolved()) {
                update.setString(1, v.status().wire());
                update.setInt(2, v.resolvable() ? 1 : 0);
                update.setString(3, Json.MAPPER.writeValueAsString(v));
                update.setString(4, tenant);
                update.setString(5, v.id());
                update.addBatch();
            }
            update.executeBatch();
        }
        try (var remove =
                c.prepareStatement("DELETE FROM pending_expectations WHERE tenant_id = ? AND violation_id = ?")) {
            for (String id : delta.pendingRemoved()) {
                remove.setString(1, tenant);
                remove.setString(2, id);
                remove.addBatch();
            }
            remove.executeBatch();
        }
        try (var add = c.prepareStatement("""
                INSERT OR REPLACE INTO pending_expectations
                  (tenant_id, violation_id, rule_id, version, trigger_event_id, trigger_seq, window_from, window_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (PendingExpectation p : delta.pendingAdded()) {
                add.setString(1, tenant);
                add.setString(2, p.violationId());
                add.setString(3, p.ruleId());
                add.setInt(4, p.version());
                add.setString(5, p.triggerEventId());
                add.setLong(6, p.triggerSeq());
                add.setLong(7, EpochMicros.of(p.from()));
                add.setLong(8, EpochMicros.of(p.to()));
                add.addBatch();
            }
            add.executeBatch();
        }
        writeErrors(c, tenant, delta);
        try (var st = c.prepareStatement("""
                INSERT INTO rule_checkpoints (tenant_id, seq, log_time) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq, log_time = excluded.log_time""")) {
            st.setString(1, tenant);
            st.setLong(2, delta.toSeq());
            if (delta.logTime() == null) {
                st.setNull(3, java.sql.Types.INTEGER);
            } else {
                st.setLong(3, EpochMicros.of(delta.logTime()));
            }
            st.executeUpdate();
        }
    }

    private static void writeErrors(Connection c, String tenant, RuleDelta delta) throws SQLException {
        if (delta.errorCounts().isEmpty()) {
            return;
        }
        try (var add = c.prepareStatement("""
                INSERT OR IGNORE INTO rule_errors (tenant_id, rule_id, seq, part, version, event_id, at, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (RuleError e : delta.errors()) {
                add.setString(1, tenant);
                add.setString(2, e.ruleId());
                add.setLong(3, e.seq());
                add.setString(4, e.part());
                add.setInt(5, e.version());
                add.setString(6, e.eventId());
                add.setLong(7, EpochMicros.of(e.at()));
                add.setString(8, e.message());
                add.addBatch();
            }
            add.executeBatch();
        }
        try (var count = c.prepareStatement("""
                        INSERT INTO rule_error_counts (tenant_id, rule_id, errors) VALUES (?, ?, ?)
                        ON CONFLICT (tenant_id, rule_id) DO UPDATE SET errors = errors + excluded.errors""");
                var prune = c.prepareStatement("""
                        DELETE FROM rule_errors WHERE tenant_id = ? AND rule_id = ? AND seq < (
                          SELECT seq FROM rule_errors WHERE tenant_id = ? AND rule_id = ?
                          ORDER BY seq DESC LIMIT 1 OFFSET ?)""")) {
            for (var e : delta.errorCounts().entrySet()) {
                count.setString(1, tenant);
                count.setString(2, e.getKey());
                count.setLong(3, e.getValue());
                count.addBatch();
                prune.setString(1, tenant);
                prune.setString(2, e.getKey());
                prune.setString(3, tenant);
                prune.setString(4, e.getKey());
                prune.setInt(5, ERRORS_KEPT - 1);
                prune.addBatch();
            }
            count.executeBatch();
            prune.executeBatch();
        }
    }

    @Override
    public List<PendingExpectation> pending(TenantId tenant) {
        var out = new ArrayList<PendingExpectation>();
        query(
                "SELECT violation_id, rule_id, version, trigger_event_id, trigger_seq, window_from, window_to"
                        + " FROM pending_expectations WHERE tenant_id = ? ORDER BY trigger_seq, violation_id",
                st -> st.setString(1, tenant.value()),
                rs -> out.add(new PendingExpectation(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getLong(5),
                        EpochMicros.toInstant(rs.getLong(6)),
                        EpochMicros.toInstant(rs.getLong(7)))));
        return out;
    }

    @Override
    public List<Violation> resolvable(TenantId tenant) {
        var out = new ArrayList<Violation>();
        query(
                "SELECT body FROM violations WHERE tenant_id = ? AND resolvable = 1 AND status = 'open'"
                        + " ORDER BY opened_seq, id",
                st -> st.setString(1, tenant.value()),
                rs -> out.add(violation(rs.getString(1))));
        return out;
    }

    @Override
    public Optional<Violation> violation(TenantId tenant, String id) {
        var out = new ArrayList<Violation>();
        query(
                "SELECT body FROM violations WHERE tenant_id = ? AND id = ?",
                st -> {
                    st.setString(1, tenant.value());
                    st.setString(2, id);
                },
                rs -> out.add(violation(rs.getString(1))));
        return out.stream().findFirst();
    }

    @Override
    public ViolationPage violations(TenantId tenant, ViolationQuery q) {
        var sql = new StringBuilder("SELECT v.body, v.opened_seq, v.id FROM violations v");
        var args = new ArrayList<Object>();
        if (q.entityId() != null) {
            sql.append(" JOIN violation_entities e ON e.tenant_id = v.tenant_id AND e.violation_id = v.id"
                    + " AND e.entity_id = ?");
            args.add(q.entityId());
        }
        sql.append(" WHERE v.tenant_id = ?");
        args.add(tenant.value());
        if (q.ruleId() != null) {
            sql.append(" AND v.rule_id = ?");
            args.add(q.ruleId());
        }
        if (q.status() != null) {
            sql.append(" AND v.status = ?");
            args.add(q.status().wire());
        }
        if (q.from() != null) {
            sql.append(" AND v.trigger_at >= ?");
            args.add(EpochMicros.of(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND v.trigger_at < ?");
            args.add(EpochMicros.of(q.to()));
        }
        if (q.before() != null) {
            sql.append(" AND (v.opened_seq < ? OR (v.opened_seq = ? AND v.id < ?))");
            args.add(q.before().openedSeq());
            args.add(q.before().openedSeq());
            args.add(q.before().id());
        }
        sql.append(" ORDER BY v.opened_seq DESC, v.id DESC LIMIT ?");
        args.add(q.limit() + 1);
        var found = new ArrayList<Violation>();
        var positions = new ArrayList<ViolationQuery.Position>();
        query(
                sql.toString(),
                st -> {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                },
                rs -> {
                    found.add(violation(rs.getString(1)));
                    positions.add(new ViolationQuery.Position(rs.getLong(2), rs.getString(3)));
                });
        if (found.size() <= q.limit()) {
            return new ViolationPage(found, null);
        }
        return new ViolationPage(found.subList(0, q.limit()), positions.get(q.limit() - 1));
    }

    @Override
    public List<RuleError> errors(TenantId tenant, String ruleId, int limit) {
        var out = new ArrayList<RuleError>();
        query(
                "SELECT rule_id, version, part, event_id, seq, at, message FROM rule_errors"
                        + " WHERE tenant_id = ? AND rule_id = ? ORDER BY seq DESC, part LIMIT ?",
                st -> {
                    st.setString(1, tenant.value());
                    st.setString(2, ruleId);
                    st.setInt(3, limit);
                },
                rs -> out.add(new RuleError(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        EpochMicros.toInstant(rs.getLong(6)),
                        rs.getString(7))));
        return out;
    }

    @Override
    public Map<String, RuleStats> stats(TenantId tenant) {
        Map<String, long[]> counts = new HashMap<>();
        query(
                "SELECT rule_id, status, count(*) FROM violations WHERE tenant_id = ? GROUP BY rule_id, status",
                st -> st.setString(1, tenant.value()),
                rs -> counts.computeIfAbsent(rs.getString(1), k -> new long[3])[
                                "open".equals(rs.getString(2)) ? 0 : 1] =
                        rs.getLong(3));
        query(
                "SELECT rule_id, errors FROM rule_error_counts WHERE tenant_id = ?",
                st -> st.setString(1, tenant.value()),
                rs -> counts.computeIfAbsent(rs.getString(1), k -> new long[3])[2] = rs.getLong(2));
        Map<String, RuleStats> out = new HashMap<>();
        counts.forEach((rule, n) -> out.put(rule, new RuleStats(n[0], n[1], n[2])));
        return out;
    }

    @Override
    public void reset(TenantId tenant) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String table : List.of(
                        "rule_checkpoints",
                        "violations",
                        "violation_entities",
                        "pending_expectations",
                        "rule_errors",
                        "rule_error_counts")) {
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
            throw new IllegalStateException("forgetting the rule verdicts of " + tenant + " failed", e);
        }
    }

    static Violation violation(String body) {
        return Json.MAPPER.readValue(body, Violation.class);
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
            throw new IllegalStateException("reading rule verdicts failed: " + e.getMessage(), e);
        }
    }
}
