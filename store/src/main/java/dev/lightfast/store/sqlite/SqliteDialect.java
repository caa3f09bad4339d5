package dev.lightfast.store.sqlite;

import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.outbox.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The subscription and outbox SQL on SQLite: times as epoch microseconds, JSON as text, and no row
 * locks: one process owns the database and its write transactions take turns ({@code BEGIN
 * IMMEDIATE}).
 */
final class SqliteDialect implements SqlDialect {
    private final DataSource ds;

    SqliteDialect(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public <T> T read(TenantId tenant, String what, Work<T> work) {
        try (var c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T write(TenantId tenant, String what, Work<T> work) {
        try (var c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String skipLocked() {
        return "";
    }

    @Override
    public String jsonParameter() {
        return "?";
    }

    @Override
    public void setTime(PreparedStatement st, int index, Instant t) throws SQLException {
        if (t == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setLong(index, EpochMicros.of(t));
        }
    }

    @Override
    public Instant time(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : EpochMicros.toInstant(micros);
    }

    /** Leases left by a process that ended: one process owns the directory, so none of them is live. */
    void releaseLeases() {
        try (var c = ds.getConnection();
                var st = c.createStatement()) {
            st.executeUpdate("UPDATE outbox_queues SET holder = NULL, lease_until = NULL WHERE holder IS NOT NULL");
        } catch (SQLException e) {
            throw new IllegalStateException("releasing the outbox leases of a previous run failed", e);
        }
    }
}
