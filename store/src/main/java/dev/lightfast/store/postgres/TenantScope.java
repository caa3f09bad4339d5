package dev.lightfast.store.postgres;

import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Every unit of work runs in a transaction that first says whose rows it may touch, with a
 * transaction-local setting that the row-level security policies read. The setting ends with the
 * transaction, so a pooled connection never carries one tenant's scope into the next borrower's
 * work.
 */
final class TenantScope {
    /** The tenant whose rows a transaction sees and writes. */
    static final String TENANT = "lightfast.tenant";
    /** The one API key a transaction may look up before it knows the tenant. */
    static final String API_KEY_ID = "lightfast.api_key_id";
    /** The one connection a transaction may look up before it knows the tenant. */
    static final String CONNECTION_ID = "lightfast.connection_id";

    /** Work on a connection inside the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource pool;

    TenantScope(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work} seeing only {@code tenant}'s rows; {@code what} names it in errors. */
    <T> T inTenant(TenantId tenant, String what, Work<T> work) {
        return transaction(TENANT, tenant.value(), what, work);
    }

    /** Runs {@code work} seeing, of the tables with a lookup policy, the one row named by {@code setting}. */
    <T> T naming(String setting, String value, String what, Work<T> work) {
        return transaction(setting, value, what, work);
    }

    /** Runs {@code work} with no tenant: tenant data reads as empty, only the tenant directory is visible. */
    <T> T withoutTenant(String what, Work<T> work) {
        return transaction(null, null, what, work);
    }

    private <T> T transaction(String setting, String value, String what, Work<T> work) {
        try (var c = pool.getConnection()) {
            try {
                if (setting != null) {
                    set(c, setting, value);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the database end this transaction's session if it stays silent for {@code expiry}: a
     * lease held by row lock then expires when its holder stalls without its connection dying.
     */
    static void expireIfSilent(Connection c, Duration expiry) throws SQLException {
        try (var st = c.createStatement()) {
            // SET takes no bind parameters; the value is a number of milliseconds we made.
            st.execute("SET LOCAL idle_in_transaction_session_timeout = " + expiry.toMillis());
        }
    }

    /** Sets a transaction-local setting on a connection whose transaction has begun (auto-commit off). */
    static void set(Connection c, String setting, String value) throws SQLException {
        try (var st = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            st.setString(1, setting);
            st.setString(2, value);
            st.executeQuery().close();
        }
    }
}
