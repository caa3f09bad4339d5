package dev.lightfast.store.outbox;

import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What the subscription and outbox SQL needs from a database and nothing more: transactions scoped
 * to a tenant, times, JSON parameters and row locks. The SQL itself is written once ({@link
 * SqlSubscriptionStore}, {@link SqlOutbox}); SQLite and PostgreSQL each translate these few things.
 */
public interface SqlDialect {

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Reads of one tenant's rows. */
    <T> T read(TenantId tenant, String what, Work<T> work);

    /** A write transaction over one tenant's rows: all of it or none. */
    <T> T write(TenantId tenant, String what, Work<T> work);

    /**
     * Appended to a SELECT inside {@link #write}: locks the rows it reads for the transaction,
     * skipping rows another transaction holds (PostgreSQL, where servers share the work). Empty
     * where write transactions take turns anyway (SQLite).
     */
    String skipLocked();

    /** A JSON parameter placeholder ({@code ?::json} where the column is typed JSON). */
    String jsonParameter();

    void setTime(PreparedStatement st, int index, Instant t) throws SQLException;

    Instant time(ResultSet rs, String column) throws SQLException;
}
