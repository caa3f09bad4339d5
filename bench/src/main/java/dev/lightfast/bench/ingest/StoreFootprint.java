package dev.lightfast.bench.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the log takes on disk: bytes per table (indexes and, on PostgreSQL, TOAST included), and the
 * raw bodies' bytes as stored, to be divided by the deliveries stored.
 */
public record StoreFootprint(Map<String, Long> bytesByTable, long deliveries, long storedBodyBytes) {

    public long totalBytes() {
        return bytesByTable.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The event log's SQLite file, read once the server has stopped: the write-ahead log is folded in
     * first, then SQLite's {@code dbstat} table counts the pages of every table and index.
     */
    public static StoreFootprint sqlite(Path dataDir) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve("lightfast.db").toAbsolutePath())) {
            try (var st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            var bytes = new TreeMap<String, Long>();
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT s.name, m.tbl_name, SUM(s.pgsize) FROM dbstat s"
                            + " LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY s.name")) {
                while (rs.next()) {
                    String table = rs.getString(2) == null ? rs.getString(1) : rs.getString(2);
                    bytes.merge(table, rs.getLong(3), Long::sum);
                }
            }
            return withBodies(c, bytes);
        }
    }

    /** The tables of one PostgreSQL schema, TOAST and indexes included. */
    public static StoreFootprint postgres(String schemaUrl, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(schemaUrl)) {
            var bytes = new TreeMap<String, Long>();
            try (var st = c.prepareStatement("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'")) {
                st.setString(1, schema);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        bytes.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return withBodies(c, bytes);
        }
    }

    private static StoreFootprint withBodies(Connection c, Map<String, Long> bytes) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM deliveries")) {
            rs.next();
            return new StoreFootprint(Map.copyOf(bytes), rs.getLong(1), rs.getLong(2));
        }
    }

    /** One line: bytes per delivery in all, and for the two tables that matter. */
    public String describe() {
        long n = Math.max(1, deliveries);
        var parts = new StringBuilder();
        bytesByTable.entrySet().stream()
                .filter(e -> e.getValue() * 100 / Math.max(1, totalBytes()) >= 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> parts.append(parts.isEmpty() ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(e.getValue() / n));
        return String.format(
                Locale.ROOT,
                "%,d bytes per delivery (%s; %,d deliveries, %.1f MB in all); raw bodies as stored %,d bytes each",
                totalBytes() / n,
                parts,
                deliveries,
                totalBytes() / 1e6,
                storedBodyBytes / n);
    }
}
