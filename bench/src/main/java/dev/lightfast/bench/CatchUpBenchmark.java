package dev.lightfast.bench;

import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.search.Embedder;
import dev.lightfast.core.search.EventVectors;
import dev.lightfast.core.search.SearchProjection;
import dev.lightfast.core.search.SharedVectors;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.search.LuceneSearchIndex;
import dev.lightfast.search.OnnxEmbedder;
import dev.lightfast.store.postgres.PostgresStorage;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lightfast bench catchup}: how long a server that joins with an empty search index takes
 * to read a tenant's whole log into it. On PostgreSQL every server keeps its own index and follows
 * the shared log, so this is the wait before a new (or wiped) server's search answers like the
 * others'; the graph is shared and already projected, so the search projection is all it runs.
 *
 * <p>The log is filled first, straight through the port (a temporary SQLite store, or a fresh
 * schema on {@code --pg}, dropped afterwards), with the synthetic history of {@code bench scale}.
 * Then the server's own search projection (the classes {@code Engine} wires: the log, a Lucene
 * index in a new directory, the MiniLM model on every core) is caught up from seq 1 to N and
 * timed, the final commit included. On PostgreSQL that is done twice: the first server runs the
 * model and shares the vectors through the database; the second, joining later, reads them.
 */
@Command(
        name = "catchup",
        mixinStandardHelpOptions = true,
        description = "How long a new server's search index takes to catch up with a log of N events.")
final class CatchUpBenchmark implements Callable<Integer> {
    private static final TenantId TENANT = TenantId.of("catchup");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Option(names = "--events", defaultValue = "100000", description = "events in the log (default ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--pg",
            paramLabel = "<jdbc url>",
            description = "fill a fresh schema on this PostgreSQL (created and dropped here; the login must be allowed "
                    + "to create schemas) instead of SQLite in a temporary directory")
    String pg;

    @Option(
            names = "--vectors-ready",
            description = "on --pg: store a random unit vector per event under the model's name first, and time only a "
                    + "server joining later (reading them); the vectors' values do not change what indexing costs")
    boolean vectorsReady;

    @Option(
            names = "--keyword-only",
            description = "index words only, without the embedding model: what reading the log and Lucene cost alone")
    boolean keywordOnly;

    @Override
    public Integer call() throws Exception {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1");
        }
        if (vectorsReady && (pg == null || keywordOnly)) {
            throw new IllegalArgumentException(
                    "--vectors-ready shares vectors through PostgreSQL: give --pg, without " + "--keyword-only");
        }
        if (pg != null && pg.contains("currentSchema=")) {
            throw new IllegalArgumentException(
                    "give --pg without currentSchema: the benchmark makes a schema of its own");
        }
        Path dir = Files.createTempDirectory("lightfast-catchup-");
        String schema = pg == null
                ? null
                : "lf_bench_catchup_"
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            if (schema != null) {
                createSchema(pg, schema);
            }
            try (Storage storage = schema != null
                    ? PostgresStorage.open(pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema)
                    : SqliteStorage.open(dir.resolve("store"))) {
                System.out.printf(
                        "catch-up benchmark: %,d events, %s, %d cores, %s%n",
                        events,
                        keywordOnly ? "keyword only (no embeddings)" : "with embeddings",
                        Runtime.getRuntime().availableProcessors(),
                        storage.describe());
                storage.tenants()
                        .create(
                                new Tenant(TENANT, TENANT.value(), START),
                                ApiKeys.issue(TENANT, START).stored());

                long t0 = System.nanoTime();
                new SyntheticHistory(42, START).appendTo(storage.eventLog(), TENANT, events);
                long lastSeq = storage.eventLog().lastSeq(TENANT);
                double fill = seconds(t0);
                System.out.printf(
                        "%-28s %,10.0f events/s (%,d in %.1f s)%n", "log filled", events / fill, lastSeq, fill);

                t0 = System.nanoTime();
                OnnxEmbedder model =
                        keywordOnly ? null : new OnnxEmbedder(OnnxEmbedder.Model.fromEnvironment(System.getenv()));
                if (model != null) {
                    System.out.printf("%-28s %10.1f s%n", "embedding model loaded", seconds(t0));
                }
                try {
                    if (model == null) {
                        catchUp(
                                "search index caught up",
                                storage,
                                dir.resolve("index"),
                                (tenant, batch, texts) ->
                                        Optional.of(Collections.nCopies(batch.size(), (float[]) null)),
                                lastSeq);
                    } else if (storage.embeddings().isEmpty()) {
                        catchUp(
                                "search index caught up",
                                storage,
                                dir.resolve("index"),
                                EventVectors.embeddedBy(model),
                                lastSeq);
                    } else if (vectorsReady) {
                        t0 = System.nanoTime();
                        var store = storage.embeddings().get();
                        var random = new SharedVectors(store, new RandomUnitVectors(model.dimensions()));
                        var events = storage.eventLog();
                        for (long after = 0; after < lastSeq; after += 1_000) {
                            var page = events.read(TENANT, EventQuery.all(1_000).after(after))
                                    .events();
                            random.of(
                                    TENANT,
                                    page,
                                    page.stream()
                                            .map(SearchProjection::embeddedText)
                                            .toList());
                        }
                        System.out.printf("%-28s %10.1f s%n", "random vectors stored", seconds(t0));
                        catchUp(
                                "next server (shared vectors)",
                                storage,
                                dir.resolve("index-2"),
                                new SharedVectors(store, model),
                                lastSeq);
                    } else {
                        // The first server computes every vector and shares it; the next reads them.
                        var shared = new SharedVectors(storage.embeddings().get(), model);
                        catchUp("first server (runs model)", storage, dir.resolve("index-1"), shared, lastSeq);
                        catchUp("next server (shared vectors)", storage, dir.resolve("index-2"), shared, lastSeq);
                    }
                } finally {
                    if (model != null) {
                        model.close();
                    }
                }
            }
        } finally {
            if (schema != null) {
                dropSchema(pg, schema);
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void createSchema(String url, String schema) throws SQLException {
        try (var c = DriverManager.getConnection(url);
                var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    private static void dropSchema(String url, String schema) throws SQLException {
        try (var c = DriverManager.getConnection(url);
                var st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Catches a new, empty index up with the whole log and reports how long it took. */
    private static void catchUp(String label, Storage storage, Path indexDir, EventVectors vectors, long lastSeq) {
        try (var index = LuceneSearchIndex.open(indexDir)) {
            var projection = new SearchProjection(storage.eventLog(), index, vectors);
            long t0 = System.nanoTime();
            long read = 0;
            long report = Math.max(1, lastSeq / 10);
            for (int n; (n = projection.catchUp(TENANT)) > 0; ) {
                read += n;
                if (read / report != (read - n) / report && read < lastSeq) {
                    System.out.printf(
                            "  %,d of %,d events indexed, %,.0f events/s so far%n", read, lastSeq, read / seconds(t0));
                }
            }
            index.commit();
            double s = seconds(t0);
            if (projection.checkpoint(TENANT) != lastSeq) {
                throw new IllegalStateException(
                        "the index stopped at seq " + projection.checkpoint(TENANT) + " of " + lastSeq);
            }
            System.out.printf(
                    "%-28s %,10.0f events/s (%,d in %.1f s), %,.1f s per 100,000 events, index %,d MB%n",
                    label, lastSeq / s, lastSeq, s, s * 100_000 / lastSeq, index.sizeOnDisk() >> 20);
        }
    }

    /** Unit vectors in random directions, stored under the real model's name. */
    private record RandomUnitVectors(int dimensions) implements Embedder {
        @Override
        public String name() {
            return OnnxEmbedder.Model.fromEnvironment(System.getenv()).fileName();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            var random = ThreadLocalRandom.current();
            return texts.stream()
                    .map(t -> {
                        var v = new float[dimensions];
                        double norm = 0;
                        for (int i = 0; i < v.length; i++) {
                            v[i] = (float) random.nextGaussian();
                            norm += v[i] * v[i];
                        }
                        for (int i = 0; i < v.length; i++) {
                            v[i] /= (float) Math.sqrt(norm);
                        }
                        return v;
                    })
                    .toList();
        }
    }
}
