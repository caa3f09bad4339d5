package dev.lightfast.bench;

import dev.lightfast.core.graph.GraphProjector;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Engine;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lightfast bench graph}: the graph projection alone over {@code bench scale}'s synthetic
 * history. The log is filled first; then the projector reads it to the end, timed. Reports events/s,
 * the CPU the projecting thread and the whole process spent per event (on PostgreSQL the database
 * server's CPU is not in it) and the graph's size on disk, with the machine's load average at start
 * and end, because a shared machine changes the first figure and not the others.
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = "Graph projection throughput, CPU per event and size on disk.")
final class GraphBenchmark implements Callable<Integer> {
    private static final TenantId TENANT = TenantId.of("graph");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Option(names = "--events", defaultValue = "100000", description = "events in the log (default ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--pg",
            description = "a PostgreSQL JDBC URL: the log and the graph in a new schema there, dropped afterwards")
    String pg;

    @Option(names = "--data", description = "directory for the SQLite run, kept afterwards (default: temporary)")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        if (pg != null && pg.contains("currentSchema=")) {
            throw new IllegalArgumentException(
                    "give --pg without currentSchema: the benchmark makes a schema of its own");
        }
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-graph-");
        String schema = pg == null
                ? null
                : "lf_bench_graph_"
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            if (schema != null) {
                execute(pg, "CREATE SCHEMA " + schema);
            }
            try (Storage storage = schema != null
                    ? PostgresStorage.open(pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema)
                    : SqliteStorage.open(dir.resolve("store"))) {
                System.out.printf(
                        "graph benchmark: %,d events, %d cores, %s, load average %s%n",
                        events, Runtime.getRuntime().availableProcessors(), storage.describe(), loadAverage());
                storage.tenants()
                        .create(
                                new Tenant(TENANT, TENANT.value(), START),
                                ApiKeys.issue(TENANT, START).stored());
                long t0 = System.nanoTime();
                new SyntheticHistory(42, START).appendTo(storage.eventLog(), TENANT, events);
                long lastSeq = storage.eventLog().lastSeq(TENANT);
                System.out.printf(
                        "%-24s %,10.0f events/s (%,d in %.1f s)%n",
                        "log filled", events / seconds(t0), lastSeq, seconds(t0));

                var projector = new GraphProjector(storage.eventLog(), storage.graph(), Engine.connectors());
                var threads = ManagementFactory.getThreadMXBean();
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long threadCpu0 = threads.getCurrentThreadCpuTime();
                long processCpu0 = os.getProcessCpuTime();
                t0 = System.nanoTime();
                long read = 0;
                long step = Math.max(1, lastSeq / 10);
                for (int n; (n = projector.catchUp(TENANT)) > 0; ) {
                    read += n;
                    if (read / step != (read - n) / step && read < lastSeq) {
                        System.out.printf(
                                "  %,d of %,d events, %,.0f events/s so far%n", read, lastSeq, read / seconds(t0));
                    }
                }
                double s = seconds(t0);
                long threadCpu = threads.getCurrentThreadCpuTime() - threadCpu0;
                long processCpu = os.getProcessCpuTime() - processCpu0;
                if (projector.checkpoint(TENANT) != lastSeq) {
                    throw new IllegalStateException(
                            "the graph stopped at seq " + projector.checkpoint(TENANT) + " of " + lastSeq);
                }
                long bytes = schema != null ? postgresGraphBytes(pg, schema) : sqliteGraphBytes(dir.resolve("store"));
                System.out.printf(
                        "%-24s %,10.0f events/s (%,d in %.1f s)%n", "graph projection", lastSeq / s, lastSeq, s);
                System.out.printf(
                        "%-24s %,10.1f µs/event projecting thread, %,.1f µs/event process%s%n",
                        "CPU",
                        threadCpu / 1e3 / lastSeq,
                        processCpu / 1e3 / lastSeq,
                        schema != null ? " (the database server's CPU not included)" : "");
                System.out.printf(
                        "%-24s %,10.1f MB (%,.1f MB per 100,000 events)%n",
                        "graph on disk", bytes / 1e6, bytes / 1e6 * 100_000 / lastSeq);
                System.out.printf("%-24s %s%n", "load average at end", loadAverage());
            }
        } finally {
            if (schema != null) {
                execute(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            if (data == null) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return 0;
    }

    /** The graph's file with its write-ahead log, after a checkpoint folds the log in. */
    private static long sqliteGraphBytes(Path store) throws SQLException, IOException {
        Path file = store.resolve(SqliteStorage.GRAPH_FILE);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = store.resolve(SqliteStorage.GRAPH_FILE + suffix);
            if (Files.exists(p)) {
                bytes += Files.size(p);
            }
        }
        return bytes;
    }

    /** The graph's tables with their indexes and TOAST, in the benchmark's schema. */
    private static long postgresGraphBytes(String url, String schema) throws SQLException {
        try (var c = DriverManager.getConnection(url);
                var st = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'"
                        + " AND c.relname IN ('graph_checkpoints', 'entities', 'entity_attributes', 'entity_events',"
                        + " 'relations', 'relation_citations', 'entity_aliases', 'alias_owners', 'entity_merges')")) {
            st.setString(1, schema);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (var c = DriverManager.getConnection(url);
                var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
