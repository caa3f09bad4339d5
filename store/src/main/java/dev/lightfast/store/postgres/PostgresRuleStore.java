package dev.lightfast.store.postgres;

import static dev.lightfast.store.postgres.PostgresEventRows.instant;
import static dev.lightfast.store.postgres.PostgresEventRows.time;

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

/**
 * Rule verdicts in PostgreSQL, shared by every server ({@code V5__rules.sql}): the embedded store's
 * tables and semantics ({@code SqliteRuleStore}), each call one transaction scoped to its tenant.
 *
 * <p>Several servers judge the same tenant's log. A batch's verdicts are written only by the
 * transaction holding the tenant's checkpoint row ({@code FOR UPDATE SKIP LOCKED}), and only when
 * the checkpoint under that lock is still the one the batch was judged from: each event is judged
 * once in effect, by whichever server got there first, and a server that finds the row held or
 * moved reads the state again. The lease expires like the graph's ({@link
 * PostgresGraphStore#LEASE_EXPIRY}): the verdicts are computed before the transaction begins.
 */
final class PostgresRuleStore implements RuleStore {
    static final int ERRORS_KEPT = 50;
    private static final List<String> TABLES = List.of(
            "rule_checkpoints",
            "violations",
            "violation_entities",
            "pending_expectations",
            "rule_errors",
            "rule_error_counts");

    private final TenantScope scope;

    PostgresRuleStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public Checkpoint checkpoint(TenantId tenant) {
        return scope.inTenant(tenant, "reading the rules checkpoint of " + tenant, c -> {
            try (var st = c.prepareStatement("SELECT seq, log_time FROM rule_checkpoints WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? new Checkpoint(rs.getLong("seq"), instant(rs, "log_time")) : Checkpoint.START;
                }
            }
        });
    }

    @Override
    public boolean apply(TenantId tenant, RuleDelta delta) {
        return scope.inTenant(tenant, "writing rule verdicts for tenant " + tenant, c -> {
            TenantScope.expireIfSilent(c, PostgresGraphStore.LEASE_EXPIRY);
            Long held = lock(c, tenant.value());
            if (held == null) {
                try (var st = c.prepareStatement(
                        "INSERT INTO rule_checkpoints (tenant_id, seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
                held = lock(c, tenant.value());
            }
            if (held == null || held != delta.fromSeq()) {
                return false; // another server is judging this tenant now, or has judged this batch already
            }
            write(c, tenant.value(), delta);
            return true;
        });
    }

    /** The checkpoint, with the tenant's row locked for this transaction; null when another holds it. */
    private static Long lock(Connection c, String tenant) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT seq FROM rule_checkpoints WHERE tenant_id = ? FOR UPDATE SKIP LOCKED")) {
            st.setString(1, tenant);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void write(Connection c, String tenant, RuleDelta delta) throws SQLException {
        try (var insert = c.prepareStatement("""
                        INSERT INTO violations (tenant_id, id, rule_id, status, resolvable, opened_seq, trigger_at, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)""");
                var entity = c.prepareStatement("""
                        INSERT INTO violation_entities (tenant_id, entity_id, violation_id, opened_seq)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (Violation v : delta.opened()) {
                insert.setString(1, tenant);
                insert.setString(2, v.id());
                insert.setString(3, v.rule().id());
                insert.setString(4, v.status().wire());
                insert.setBoolean(5, v.resolvable());
                insert.setLong(6, v.openedSeq());
                insert.setObject(7, time(v.trigger().occurredAt()));
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
                "UPDATE violations SET status = ?, resolvable = ?, body = ?::json WHERE tenant_id = ? AND id = ?")) {
            for (Violation v : delta.resolved()) {
                update.setString(1, v.status().wire());
                update.setBoolean(2, v.resolvable());
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
                INSERT INTO pending_expectations
                  (tenant_id, violation_id, rule_id, version, trigger_event_id, trigger_seq, window_from, window_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (PendingExpectation p : delta.pendingAdded()) {
                add.setString(1, tenant);
                add.setString(2, p.violationId());
                add.setString(3, p.ruleId());
                add.setInt(4, p.version());
                add.setString(5, p.triggerEventId());
                add.setLong(6, p.triggerSeq());
                add.setObject(7, time(p.from()));
                add.setObject(8, time(p.to()));
                add.addBatch();
            }
            add.executeBatch();
        }
        writeErrors(c, tenant, delta);
        try (var st = c.prepareStatement("UPDATE rule_checkpoints SET seq = ?, log_time = ? WHERE tenant_id = ?")) {
            st.setLong(1, delta.toSeq());
            st.setObject(2, delta.logTime() == null ? null : time(delta.logTime()));
            st.setString(3, tenant);
            st.executeUpdate();
        }
    }

    private static void writeErrors(Connection c, String tenant, RuleDelta delta) throws SQLException {
        if (delta.errorCounts().isEmpty()) {
            return;
        }
        try (var add = c.prepareStatement("""
                INSERT INTO rule_errors (tenant_id, rule_id, seq, part, version, event_id, at, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (RuleError e : delta.errors()) {
                add.setString(1, tenant);
                add.setString(2, e.ruleId());
                add.setLong(3, e.seq());
                add.setString(4, e.part());
                add.setInt(5, e.version());
                add.setString(6, e.eventId());
                add.setObject(7, time(e.at()));
                add.setString(8, e.message());
                add.addBatch();
            }
            add.executeBatch();
        }
        try (var count = c.prepareStatement("""
                        INSERT INTO rule_error_counts (tenant_id, rule_id, errors) VALUES (?, ?, ?)
                        ON CONFLICT (tenant_id, rule_id) DO UPDATE SET errors = rule_error_counts.errors + excluded.errors""");
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
        return read(
                tenant,
                "SELECT violation_id, rule_id, version, trigger_event_id, trigger_seq, window_from, window_to"
                        + " FROM pending_expectations WHERE tenant_id = ? ORDER BY trigger_seq, violation_id",
                st -> st.setString(1, tenant.value()),
                rs -> new PendingExpectation(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getLong(5),
                        instant(rs, "window_from"),
                        instant(rs, "window_to")));
    }

    @Override
    public List<Violation> resolvable(TenantId tenant) {
        return read(
                tenant,
                "SELECT body FROM violations WHERE tenant_id = ? AND resolvable AND status = 'open'"
                        + " ORDER BY opened_seq, id",
                st -> st.setString(1, tenant.value()),
                rs -> violation(rs.getString(1)));
    }

    @Override
    public Optional<Violation> violation(TenantId tenant, String id) {
        return read(
                        tenant,
                        "SELECT body FROM violations WHERE tenant_id = ? AND id = ?",
                        st -> {
                            st.setString(1, tenant.value());
                            st.setString(2, id);
                        },
                        rs -> violation(rs.getString(1)))
                .stream()
                .findFirst();
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
            args.add(time(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND v.trigger_at < ?");
            args.add(time(q.to()));
        }
        if (q.before() != null) {
            sql.append(" AND (v.opened_seq, v.id) < (?, ?)");
            args.add(q.before().openedSeq());
            args.add(q.before().id());
        }
        sql.append(" ORDER BY v.opened_seq DESC, v.id DESC LIMIT ?");
        args.add(q.limit() + 1);
        record Row(Violation violation, ViolationQuery.Position position) {}
        List<Row> rows = read(
                tenant,
                sql.toString(),
                st -> {
                    for (int i = 0; i < args.size(); i++) {
                        st.setObject(i + 1, args.get(i));
                    }
                },
                rs -> new Row(violation(rs.getString(1)), new ViolationQuery.Position(rs.getLong(2), rs.getString(3))));
        var found = rows.stream().map(Row::violation).toList();
        if (rows.size() <= q.limit()) {
            return new ViolationPage(found, null);
        }
        return new ViolationPage(
                found.subList(0, q.limit()), rows.get(q.limit() - 1).position());
    }

    @Override
    public List<RuleError> errors(TenantId tenant, String ruleId, int limit) {
        return read(
                tenant,
                "SELECT rule_id, version, part, event_id, seq, at, message FROM rule_errors"
                        + " WHERE tenant_id = ? AND rule_id = ? ORDER BY seq DESC, part LIMIT ?",
                st -> {
                    st.setString(1, tenant.value());
                    st.setString(2, ruleId);
                    st.setInt(3, limit);
                },
                rs -> new RuleError(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        instant(rs, "at"),
                        rs.getString(7)));
    }

    @Override
    public Map<String, RuleStats> stats(TenantId tenant) {
        return scope.inTenant(tenant, "reading rule statistics of " + tenant, c -> {
            Map<String, long[]> counts = new HashMap<>();
            try (var st = c.prepareStatement(
                    "SELECT rule_id, status, count(*) FROM violations WHERE tenant_id = ? GROUP BY rule_id, status")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getString(1), k -> new long[3])[
                                        "open".equals(rs.getString(2)) ? 0 : 1] =
                                rs.getLong(3);
                    }
                }
            }
            try (var st = c.prepareStatement("SELECT rule_id, errors FROM rule_error_counts WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getString(1), k -> new long[3])[2] = rs.getLong(2);
                    }
                }
            }
            Map<String, RuleStats> out = new HashMap<>();
            counts.forEach((rule, n) -> out.put(rule, new RuleStats(n[0], n[1], n[2])));
            return out;
        });
    }

    /** The checkpoint row first: deleting it waits for a batch being written. */
    @Override
    public void reset(TenantId tenant) {
        scope.inTenant(tenant, "forgetting the rule verdicts of " + tenant, c -> {
            for (String table : TABLES) {
                try (var st = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                    st.setString(1, tenant.value());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Violation violation(String body) {
        return Json.MAPPER.readValue(body, Violation.class);
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> read(TenantId tenant, String sql, Binder binder, RowMapper<T> mapper) {
        return scope.inTenant(tenant, "reading rule verdicts of " + tenant, c -> {
            try (var st = c.prepareStatement(sql)) {
                binder.bind(st);
                try (var rs = st.executeQuery()) {
                    var out = new ArrayList<T>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            }
        });
    }
}
