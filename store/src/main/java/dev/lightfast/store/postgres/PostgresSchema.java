package dev.lightfast.store.postgres;

import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Brings the schema up to date, as the login the URL names (which then owns the tables), before the
 * pool starts working as {@link ApplicationRole}.
 *
 * <p>Several servers may start at once against one database. Flyway serializes them: on PostgreSQL
 * it holds a session advisory lock ({@code pg_advisory_lock}, keyed by the schema history table)
 * for the whole migrate, so one server applies the pending migrations while the others wait, then
 * find nothing left to do. {@code PostgresSchemaTest} starts several at once to hold it to that.
 */
final class PostgresSchema {
    static final String LOCATION = "classpath:db/postgres";

    private PostgresSchema() {}

    static void migrate(PostgresUrl url) {
        var ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        // Connect once ourselves: a refused or unknown database then reads as what to fix, not as a
        // Flyway stack trace.
        try (var c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw url.explain(e);
        }
        // Versions are reserved per issue and land in any order (V8 after V12): a database already past a
        // version applies it when it arrives instead of refusing to start.
        var config = Flyway.configure().dataSource(ds).locations(LOCATION).outOfOrder(true);
        if (url.schema() != null) {
            config.schemas(url.schema());
        }
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException(
                    "bringing the schema of " + url.describe() + " up to date failed: " + e.getMessage(), e);
        }
    }
}
