package dev.lightfast.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, uniquely named schema on the test PostgreSQL ({@code LIGHTFAST_TEST_PG_URL}, by default
 * the local server), dropped again on close, so test classes and methods never see each other's
 * rows. When PostgreSQL cannot be reached the test is skipped, except under {@code CI=true}, where
 * a skipped PostgreSQL run would pass for a green one, so it fails instead.
 */
public final class PostgresTestSchema implements AutoCloseable {
    public static final String URL_VARIABLE = "LIGHTFAST_TEST_PG_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String baseUrl;
    private final String schema;

    private PostgresTestSchema(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** A new schema name on a reachable server; skips (or, under CI, fails) the test otherwise. */
    public static PostgresTestSchema create() {
        String base = System.getenv().getOrDefault(URL_VARIABLE, DEFAULT_URL);
        DriverManager.setLoginTimeout(5);
        try (var c = DriverManager.getConnection(base)) {
            c.isValid(5);
        } catch (SQLException e) {
            String message = "PostgreSQL for tests is not reachable at " + PostgresUrl.redact(base) + " ("
                    + e.getMessage() + "); set " + URL_VARIABLE
                    + " to a JDBC URL of a server where the user may create schemas and roles";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: PostgreSQL tests must run, not skip. " + message, e);
            }
            Assumptions.abort(message);
        }
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return new PostgresTestSchema(base, "lf_test_" + HexFormat.of().formatHex(random));
    }

    /** The JDBC URL of this schema, for {@link PostgresStorage#open}. */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String schema() {
        return schema;
    }

    /** A connection as the login user (who owns the tables, and here is a superuser), outside every wall. */
    public Connection owner() throws SQLException {
        return DriverManager.getConnection(url());
    }

    @Override
    public void close() {
        try (var c = DriverManager.getConnection(baseUrl);
                var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping test schema " + schema + " failed", e);
        }
    }
}
