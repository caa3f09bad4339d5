package dev.lightfast.store.postgres;

import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL, checked before anything connects, with the parts that may be shown: the
 * password never leaves this record.
 *
 * @param schema the {@code currentSchema} the URL names, or null for the server's default
 */
record PostgresUrl(String jdbcUrl, String host, String port, String database, String user, String schema) {
    static final String EXAMPLE = "jdbc:postgresql://127.0.0.1:5432/lightfast?user=lightfast&password=...";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    static PostgresUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL is needed, like " + EXAMPLE);
        }
        String url = jdbcUrl.strip();
        if (!url.startsWith("jdbc:postgresql:")) {
            String hint = url.startsWith("postgres://") || url.startsWith("postgresql://")
                    ? " (a libpq URL: write it as jdbc:postgresql://host:port/database?user=...&password=...)"
                    : "";
            throw new IllegalArgumentException(
                    "'" + redact(url) + "' is not a PostgreSQL JDBC URL" + hint + "; it should look like " + EXAMPLE);
        }
        Properties p = Driver.parseURL(url, null);
        if (p == null) {
            throw new IllegalArgumentException(
                    "cannot read the PostgreSQL URL '" + redact(url) + "'; it should look like " + EXAMPLE);
        }
        String schemas = p.getProperty("currentSchema");
        String schema = schemas == null || schemas.isBlank() ? null : schemas.split(",")[0].strip();
        return new PostgresUrl(
                url,
                p.getProperty("PGHOST", "localhost"),
                p.getProperty("PGPORT", "5432"),
                p.getProperty("PGDBNAME", ""),
                p.getProperty("user", System.getProperty("user.name")),
                schema);
    }

    /** Where the data lives, for logs: never the password. */
    String describe() {
        return "PostgreSQL " + user + "@" + host + ":" + port + "/" + database
                + (schema == null ? "" : " schema " + schema);
    }

    /** Turns a failure to connect into what the operator should check. */
    IllegalStateException explain(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = host + ":" + port;
        String message;
        if (state.startsWith("08")) {
            message = "cannot reach PostgreSQL at " + where + " (" + e.getMessage()
                    + "); is it running, and are host and " + "port in the URL right?";
        } else if (state.equals("28P01") || state.equals("28000")) {
            message = "PostgreSQL at " + where + " refused the login of user '" + user + "' (" + e.getMessage()
                    + "); check user and password in the URL (?user=...&password=...)";
        } else if (state.equals("3D000")) {
            message = "database '" + database + "' does not exist on " + where + "; create it (createdb " + database
                    + ") or fix the URL";
        } else {
            message = "cannot open " + describe() + ": " + e.getMessage();
        }
        return new IllegalStateException(message, e);
    }

    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return redact(jdbcUrl);
    }
}
