package dev.lightfast.store.postgres;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The role the server works as: {@code lightfast_app}, made by the first migration. Superusers and
 * table owners bypass row-level security, so whatever login the URL names, every pooled connection
 * enters this role ({@code SET ROLE}) before it is used; the tables belong to the login that ran
 * the migrations, never to this role. The role may read and insert, and update only the per-tenant
 * seq counter.
 */
final class ApplicationRole {
    static final String NAME = "lightfast_app";
    static final String ENTER = "SET ROLE " + NAME;

    private ApplicationRole() {}

    /**
     * Refuses to run when the walls would not hold: the role must exist, the login must be able to
     * enter it, and it must neither be a superuser nor bypass row-level security.
     */
    static void verify(PostgresUrl url) {
        try (var c = DriverManager.getConnection(url.jdbcUrl());
                var st = c.createStatement()) {
            st.execute(ENTER);
            try (var rs = st.executeQuery("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
                if (!rs.next() || rs.getBoolean(1) || rs.getBoolean(2)) {
                    throw new IllegalStateException("role " + NAME + " is a superuser or bypasses row-level security; "
                            + "run: ALTER ROLE " + NAME + " NOSUPERUSER NOBYPASSRLS");
                }
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "login '" + url.user() + "' cannot act as " + NAME + " (" + e.getMessage()
                                + "); run as a superuser: GRANT " + NAME + " TO " + url.user(),
                        e);
            }
            throw url.explain(e);
        }
    }
}
