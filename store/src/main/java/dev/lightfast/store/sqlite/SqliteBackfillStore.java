package dev.lightfast.store.sqlite;

import dev.lightfast.core.StateConflict;
import dev.lightfast.core.backfill.BackfillJob;
import dev.lightfast.core.backfill.BackfillState;
import dev.lightfast.core.backfill.BackfillStore;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/** Backfill jobs in the main database file, beside the deliveries they add. */
final class SqliteBackfillStore implements BackfillStore {
    static final String COLUMNS = "tenant_id, id, connection_id, provider, state, since, until, what, api_base, token,"
            + " cursor, objects_done, objects_total, events_added, errors, last_error, created_at, updated_at, finished_at";
    private final DataSource ds;

    SqliteBackfillStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public BackfillJob create(BackfillJob job) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("INSERT INTO backfill_jobs (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(st, job);
            st.executeUpdate();
            return job;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new StateConflict("connection " + job.connectionId()
                        + " has a backfill running; cancel it (DELETE) or wait for it to end");
            }
            throw new IllegalStateException("storing backfill " + job.id() + " failed", e);
        }
    }

    @Override
    public void save(BackfillJob job) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement("UPDATE backfill_jobs SET state = ?, cursor = ?, objects_done = ?,"
                        + " objects_total = ?, events_added = ?, errors = ?, last_error = ?, updated_at = ?,"
                        + " finished_at = ?, token = ? WHERE tenant_id = ? AND id = ?")) {
            int i = 1;
            st.setString(i++, job.state().wire());
            st.setString(i++, job.cursor() == null ? "" : job.cursor());
            st.setLong(i++, job.objectsDone());
            setLong(st, i++, job.objectsTotal());
            st.setLong(i++, job.eventsAdded());
            st.setLong(i++, job.errors());
            st.setString(i++, job.lastError());
            st.setLong(i++, EpochMicros.of(job.updatedAt()));
            setTime(st, i++, job.finishedAt());
            st.setString(i++, job.sealedToken());
            st.setString(i++, job.tenant().value());
            st.setString(i, job.id());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("saving backfill " + job.id() + " failed", e);
        }
    }

    @Override
    public Optional<BackfillJob> find(TenantId tenant, String jobId) {
        var found = query("SELECT " + COLUMNS + " FROM backfill_jobs WHERE tenant_id = ? AND id = ?", tenant, jobId);
        return found.stream().findFirst();
    }

    @Override
    public Optional<BackfillJob> latest(TenantId tenant, String connectionId) {
        var found = query(
                "SELECT " + COLUMNS + " FROM backfill_jobs WHERE tenant_id = ? AND connection_id = ?"
                        + " ORDER BY created_at DESC, id DESC LIMIT 1",
                tenant,
                connectionId);
        return found.stream().findFirst();
    }

    @Override
    public List<BackfillJob> running(TenantId tenant) {
        return query(
                "SELECT " + COLUMNS + " FROM backfill_jobs WHERE tenant_id = ? AND state = ? ORDER BY created_at",
                tenant,
                BackfillState.RUNNING.wire());
    }

    private List<BackfillJob> query(String sql, TenantId tenant, String arg) {
        try (var c = ds.getConnection();
                var st = c.prepareStatement(sql)) {
            st.setString(1, tenant.value());
            st.setString(2, arg);
            var out = new ArrayList<BackfillJob>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs, tenant));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading backfills of " + tenant + " failed", e);
        }
    }

    static String what(BackfillJob job) {
        return Json.MAPPER.writeValueAsString(Map.of("what", job.what(), "repositories", job.repositories()));
    }

    static List<String> list(String json, String field) {
        var out = new ArrayList<String>();
        for (JsonNode n : Json.MAPPER.readTree(json).path(field)) {
            out.add(n.asString());
        }
        return out;
    }

    private static void bind(PreparedStatement st, BackfillJob job) throws SQLException {
        int i = 1;
        st.setString(i++, job.tenant().value());
        st.setString(i++, job.id());
        st.setString(i++, job.connectionId());
        st.setString(i++, job.provider());
        st.setString(i++, job.state().wire());
        st.setLong(i++, EpochMicros.of(job.since()));
        setTime(st, i++, job.until());
        st.setString(i++, what(job));
        st.setString(i++, job.apiBase());
        st.setString(i++, job.sealedToken());
        st.setString(i++, job.cursor() == null ? "" : job.cursor());
        st.setLong(i++, job.objectsDone());
        setLong(st, i++, job.objectsTotal());
        st.setLong(i++, job.eventsAdded());
        st.setLong(i++, job.errors());
        st.setString(i++, job.lastError());
        st.setLong(i++, EpochMicros.of(job.createdAt()));
        st.setLong(i++, EpochMicros.of(job.updatedAt()));
        setTime(st, i, job.finishedAt());
    }

    private static void setTime(PreparedStatement st, int i, Instant t) throws SQLException {
        if (t == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setLong(i, EpochMicros.of(t));
        }
    }

    private static void setLong(PreparedStatement st, int i, Long v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setLong(i, v);
        }
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : EpochMicros.toInstant(v);
    }

    private static BackfillJob read(ResultSet rs, TenantId tenant) throws SQLException {
        long total = rs.getLong("objects_total");
        Long objectsTotal = rs.wasNull() ? null : total;
        String cursor = rs.getString("cursor");
        String what = rs.getString("what");
        return new BackfillJob(
                rs.getString("id"),
                tenant,
                rs.getString("connection_id"),
                rs.getString("provider"),
                BackfillState.of(rs.getString("state")),
                time(rs, "since"),
                time(rs, "until"),
                list(what, "what"),
                list(what, "repositories"),
                rs.getString("api_base"),
                rs.getString("token"),
                cursor == null || cursor.isEmpty() ? null : cursor,
                rs.getLong("objects_done"),
                objectsTotal,
                rs.getLong("events_added"),
                rs.getLong("errors"),
                rs.getString("last_error"),
                time(rs, "created_at"),
                time(rs, "updated_at"),
                time(rs, "finished_at"));
    }
}
