package dev.lightfast.store.act;

import dev.lightfast.core.act.Approval;
import dev.lightfast.core.act.ApprovalPolicy;
import dev.lightfast.core.act.AuditEntry;
import dev.lightfast.core.act.AuditQuery;
import dev.lightfast.core.act.CallAttempt;
import dev.lightfast.core.act.Intent;
import dev.lightfast.core.act.IntentKind;
import dev.lightfast.core.act.IntentPage;
import dev.lightfast.core.act.IntentQuery;
import dev.lightfast.core.act.IntentState;
import dev.lightfast.core.act.IntentStore;
import dev.lightfast.core.act.Plan;
import dev.lightfast.core.act.StoredCredential;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.outbox.SqlDialect;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.type.TypeReference;

/** Intents in SQL (both stores, through their {@link SqlDialect}); tables of V8__intents.sql. */
public final class SqlIntentStore implements IntentStore {
    private static final String COLUMNS =
            "id, kind, args, proposed_by, proposed_at, state, plan, event_id, message, updated_at";
    private static final String ATTEMPT_COLUMNS =
            "call_index, attempt, idempotency_key, started_at, outcome, status, message, url, finished_at";
    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {};

    private final SqlDialect db;

    public SqlIntentStore(SqlDialect db) {
        this.db = db;
    }

    @Override
    public void create(Intent i) {
        db.write(i.tenant(), "creating intent " + i.id(), c -> {
            try (var st = c.prepareStatement(
                    "INSERT INTO intents (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, i.tenant().value());
                st.setString(2, i.id());
                st.setString(3, i.kind().wire());
                st.setString(4, Json.MAPPER.writeValueAsString(i.args()));
                st.setString(5, i.proposedBy());
                db.setTime(st, 6, i.proposedAt());
                st.setString(7, i.state().wire());
                st.setString(8, Json.MAPPER.writeValueAsString(i.plan()));
                st.setString(9, i.eventId());
                st.setString(10, i.message());
                db.setTime(st, 11, i.updatedAt());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Intent> find(TenantId tenant, String id) {
        return db.read(tenant, "reading intent " + id, c -> find(c, tenant, id));
    }

    private Optional<Intent> find(Connection c, TenantId tenant, String id) throws SQLException {
        try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM intents WHERE tenant_id = ? AND id = ?")) {
            st.setString(1, tenant.value());
            st.setString(2, id);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(intent(tenant, rs)) : Optional.empty();
            }
        }
    }

    private Intent intent(TenantId tenant, ResultSet rs) throws SQLException {
        return new Intent(
                rs.getString("id"),
                tenant,
                IntentKind.of(rs.getString("kind")),
                Json.MAPPER.readValue(rs.getString("args"), ARGS),
                rs.getString("proposed_by"),
                db.time(rs, "proposed_at"),
                IntentState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Json.MAPPER.readValue(rs.getString("plan"), Plan.class),
                rs.getString("event_id"),
                rs.getString("message"),
                db.time(rs, "updated_at"));
    }

    @Override
    public IntentPage list(TenantId tenant, IntentQuery q) {
        return db.read(tenant, "listing intents", c -> {
            var sql = new StringBuilder("SELECT " + COLUMNS + " FROM intents WHERE tenant_id = ?");
            if (!q.states().isEmpty()) {
                sql.append(" AND state IN (")
                        .append(q.states().stream().map(s -> "?").collect(Collectors.joining(", ")))
                        .append(")");
            }
            if (q.before() != null) {
                sql.append(" AND (proposed_at < ? OR (proposed_at = ? AND id < ?))");
            }
            sql.append(" ORDER BY proposed_at DESC, id DESC LIMIT ?");
            try (var st = c.prepareStatement(sql.toString())) {
                int i = 1;
                st.setString(i++, tenant.value());
                for (IntentState s : q.states()) {
                    st.setString(i++, s.wire());
                }
                if (q.before() != null) {
                    db.setTime(st, i++, q.before().proposedAt());
                    db.setTime(st, i++, q.before().proposedAt());
                    st.setString(i++, q.before().id());
                }
                // One more than asked says whether another page follows.
                st.setInt(i, q.limit() + 1);
                var out = new ArrayList<Intent>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(intent(tenant, rs));
                    }
                }
                if (out.size() <= q.limit()) {
                    return new IntentPage(out, null);
                }
                var page = out.subList(0, q.limit());
                var last = page.getLast();
                return new IntentPage(page, new IntentQuery.Position(last.proposedAt(), last.id()));
            }
        });
    }

    @Override
    public boolean transition(TenantId tenant, String id, Set<IntentState> from, Intent next) {
        if (from.isEmpty()) {
            return false;
        }
        String states = from.stream().map(s -> "?").collect(Collectors.joining(", "));
        return db.write(tenant, "moving intent " + id + " to " + next.state().wire(), c -> {
            try (var st = c.prepareStatement("UPDATE intents SET state = ?, message = ?, updated_at = ?"
                    + " WHERE tenant_id = ? AND id = ? AND state IN (" + states + ")")) {
                st.setString(1, next.state().wire());
                st.setString(2, next.message());
                db.setTime(st, 3, next.updatedAt());
                st.setString(4, tenant.value());
                st.setString(5, id);
                int i = 6;
                for (IntentState s : from) {
                    st.setString(i++, s.wire());
                }
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void approve(TenantId tenant, String id, Approval a) {
        db.write(tenant, "approving intent " + id, c -> {
            try (var st =
                    c.prepareStatement("INSERT INTO intent_approvals (tenant_id, intent_id, approver, at, event_id)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, intent_id, approver) DO NOTHING")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                st.setString(3, a.approver());
                db.setTime(st, 4, a.at());
                st.setString(5, a.eventId());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Approval> approvals(TenantId tenant, String id) {
        return db.read(tenant, "reading approvals of " + id, c -> {
            try (var st = c.prepareStatement("SELECT approver, at, event_id FROM intent_approvals"
                    + " WHERE tenant_id = ? AND intent_id = ? ORDER BY at, approver")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                var out = new ArrayList<Approval>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Approval(rs.getString(1), db.time(rs, "at"), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void attemptStarted(TenantId tenant, String id, CallAttempt a) {
        db.write(tenant, "recording an attempt of " + id, c -> {
            try (var st = c.prepareStatement("INSERT INTO intent_attempts (tenant_id, intent_id, " + ATTEMPT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                setAttempt(st, 3, a);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void attemptFinished(TenantId tenant, String id, CallAttempt a) {
        db.write(tenant, "recording an outcome of " + id, c -> {
            try (var st = c.prepareStatement("UPDATE intent_attempts SET outcome = ?, status = ?, message = ?, url = ?,"
                    + " finished_at = ? WHERE tenant_id = ? AND intent_id = ? AND call_index = ? AND attempt = ?")) {
                st.setString(1, a.outcome());
                setInteger(st, 2, a.status());
                st.setString(3, a.message());
                st.setString(4, a.url());
                db.setTime(st, 5, a.finishedAt());
                st.setString(6, tenant.value());
                st.setString(7, id);
                st.setInt(8, a.callIndex());
                st.setInt(9, a.attempt());
                if (st.executeUpdate() == 0) {
                    throw new IllegalStateException(
                            "no attempt " + a.attempt() + " of call " + a.callIndex() + " of " + id);
                }
            }
            return null;
        });
    }

    private void setAttempt(PreparedStatement st, int i, CallAttempt a) throws SQLException {
        st.setInt(i, a.callIndex());
        st.setInt(i + 1, a.attempt());
        st.setString(i + 2, a.idempotencyKey());
        db.setTime(st, i + 3, a.startedAt());
        st.setString(i + 4, a.outcome());
        setInteger(st, i + 5, a.status());
        st.setString(i + 6, a.message());
        st.setString(i + 7, a.url());
        db.setTime(st, i + 8, a.finishedAt());
    }

    private static void setInteger(PreparedStatement st, int i, Integer v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setInt(i, v);
        }
    }

    @Override
    public List<CallAttempt> attempts(TenantId tenant, String id) {
        return db.read(tenant, "reading attempts of " + id, c -> {
            try (var st = c.prepareStatement("SELECT " + ATTEMPT_COLUMNS
                    + " FROM intent_attempts WHERE tenant_id = ? AND intent_id = ? ORDER BY call_index, attempt")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                var out = new ArrayList<CallAttempt>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt("status");
                        Integer s = rs.wasNull() ? null : status;
                        out.add(new CallAttempt(
                                rs.getInt("call_index"),
                                rs.getInt("attempt"),
                                rs.getString("idempotency_key"),
                                db.time(rs, "started_at"),
                                rs.getString("outcome"),
                                s,
                                rs.getString("message"),
                                rs.getString("url"),
                                db.time(rs, "finished_at")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Intent> executing(TenantId tenant) {
        return db.read(tenant, "listing intents being executed", c -> {
            try (var st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM intents WHERE tenant_id = ? AND state = ? ORDER BY id")) {
                st.setString(1, tenant.value());
                st.setString(2, IntentState.EXECUTING.wire());
                var out = new ArrayList<Intent>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(intent(tenant, rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void audit(TenantId tenant, AuditEntry e) {
        db.write(tenant, "writing the audit trail", c -> {
            try (var st =
                    c.prepareStatement("INSERT INTO intent_audit (tenant_id, at, actor, action, intent_id, intent,"
                            + " detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, tenant.value());
                db.setTime(st, 2, e.at());
                st.setString(3, e.actor());
                st.setString(4, e.action());
                st.setString(5, e.intentId());
                st.setString(6, e.intent());
                st.setString(7, e.detail());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> audit(TenantId tenant, AuditQuery q) {
        return db.read(tenant, "reading the audit trail", c -> {
            var sql =
                    new StringBuilder("SELECT position, at, actor, action, intent_id, intent, detail FROM intent_audit"
                            + " WHERE tenant_id = ? AND position > ?");
            if (q.actor() != null) {
                sql.append(" AND actor = ?");
            }
            if (q.from() != null) {
                sql.append(" AND at >= ?");
            }
            if (q.to() != null) {
                sql.append(" AND at < ?");
            }
            sql.append(" ORDER BY position LIMIT ?");
            try (var st = c.prepareStatement(sql.toString())) {
                int i = 1;
                st.setString(i++, tenant.value());
                st.setLong(i++, q.after());
                if (q.actor() != null) {
                    st.setString(i++, q.actor());
                }
                if (q.from() != null) {
                    db.setTime(st, i++, q.from());
                }
                if (q.to() != null) {
                    db.setTime(st, i++, q.to());
                }
                st.setInt(i, q.limit());
                var out = new ArrayList<AuditEntry>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(
                                rs.getLong("position"),
                                db.time(rs, "at"),
                                rs.getString("actor"),
                                rs.getString("action"),
                                rs.getString("intent_id"),
                                rs.getString("intent"),
                                rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void setPolicy(TenantId tenant, ApprovalPolicy p) {
        db.write(tenant, "setting the approval policy", c -> {
            try (var st = c.prepareStatement("INSERT INTO intent_policies (tenant_id, require_approval, set_by, set_at,"
                    + " event_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                    + " require_approval = excluded.require_approval, set_by = excluded.set_by,"
                    + " set_at = excluded.set_at, event_id = excluded.event_id")) {
                st.setString(1, tenant.value());
                st.setString(
                        2,
                        p.requireApproval().stream()
                                .sorted()
                                .map(IntentKind::wire)
                                .collect(Collectors.joining(",")));
                st.setString(3, p.setBy());
                db.setTime(st, 4, p.setAt());
                st.setString(5, p.eventId());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApprovalPolicy> policy(TenantId tenant) {
        return db.read(tenant, "reading the approval policy", c -> {
            try (var st = c.prepareStatement("SELECT require_approval, set_by, set_at, event_id FROM intent_policies"
                    + " WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Set<IntentKind> kinds = EnumSet.noneOf(IntentKind.class);
                    Arrays.stream(rs.getString(1).split(","))
                            .filter(s -> !s.isBlank())
                            .map(IntentKind::of)
                            .forEach(kinds::add);
                    return Optional.of(
                            new ApprovalPolicy(kinds, rs.getString(2), db.time(rs, "set_at"), rs.getString(4)));
                }
            }
        });
    }

    @Override
    public void putCredential(TenantId tenant, StoredCredential cred) {
        db.write(tenant, "setting credentials of " + cred.connectionId(), c -> {
            try (var st = c.prepareStatement(
                    "INSERT INTO action_credentials (tenant_id, connection_id, token, api_base,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, connection_id) DO UPDATE SET"
                            + " token = excluded.token, api_base = excluded.api_base, updated_at = excluded.updated_at")) {
                st.setString(1, tenant.value());
                st.setString(2, cred.connectionId());
                st.setString(3, cred.sealedToken());
                st.setString(4, cred.apiBase().toString());
                db.setTime(st, 5, cred.updatedAt());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredCredential> credential(TenantId tenant, String connectionId) {
        return db.read(tenant, "reading credentials of " + connectionId, c -> {
            try (var st = c.prepareStatement("SELECT connection_id, token, api_base, updated_at FROM action_credentials"
                    + " WHERE tenant_id = ? AND connection_id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, connectionId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(credential(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredCredential> credentials(TenantId tenant) {
        return db.read(tenant, "listing credentials", c -> {
            try (var st = c.prepareStatement("SELECT connection_id, token, api_base, updated_at FROM action_credentials"
                    + " WHERE tenant_id = ? ORDER BY connection_id")) {
                st.setString(1, tenant.value());
                var out = new ArrayList<StoredCredential>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(credential(rs));
                    }
                }
                return out;
            }
        });
    }

    private StoredCredential credential(ResultSet rs) throws SQLException {
        return new StoredCredential(
                rs.getString("connection_id"),
                rs.getString("token"),
                URI.create(rs.getString("api_base")),
                db.time(rs, "updated_at"));
    }
}
