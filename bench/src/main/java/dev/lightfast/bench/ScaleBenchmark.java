package dev.lightfast.bench;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.GraphProjector;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchProjection;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.search.LuceneSearchIndex;
import dev.lightfast.search.OnnxEmbedder;
import dev.lightfast.server.Engine;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lightfast bench scale}: a large synthetic history for one tenant, through the real
 * projections, reporting throughput of each stage, search latency at that size, index size and
 * memory. The embedding model is measured alone in the same run, so "indexing including
 * embeddings" can be compared with what the model can do at best on this machine.
 */
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = "Projection, indexing and search latency on a large synthetic history.")
final class ScaleBenchmark implements Callable<Integer> {
    private static final TenantId TENANT = TenantId.of("scale");
    private static final TenantId EMBEDDED = TenantId.of("embedded");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "events in the history (default ${DEFAULT-VALUE})")
    int events;

    @Option(
            names = "--embedded",
            defaultValue = "10000",
            description = "events sent through the full projection with the embedding model (default ${DEFAULT-VALUE})")
    int embedded;

    @Option(
            names = "--pool",
            defaultValue = "5000",
            description = "distinct texts embedded for the large vector index, and for the model-alone measurement "
                    + "(default ${DEFAULT-VALUE})")
    int pool;

    @Option(names = "--queries", defaultValue = "400", description = "searches per mode (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--data", description = "directory for the run (default: a fresh temporary directory)")
    Path data;

    @Override
    public Integer call() throws IOException {
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-scale-");
        System.out.printf(
                "Scale benchmark: %,d events, %d cores, data in %s%n",
                events, Runtime.getRuntime().availableProcessors(), dir);
        var history = new SyntheticHistory(42, START);
        // Each line is printed as soon as it is measured (a run at 1M takes a while) and again at the end.
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                System.out.println(line);
                return super.add(line);
            }
        };
        try (var storage = SqliteStorage.open(dir.resolve("store"));
                var embedder = new OnnxEmbedder(OnnxEmbedder.Model.fromEnvironment(System.getenv()))) {
            for (TenantId t : List.of(TENANT, EMBEDDED)) {
                storage.tenants()
                        .create(
                                new Tenant(t, t.value(), START),
                                ApiKeys.issue(t, START).stored());
            }

            // 1. The log: the history appended in deliveries of 100 events.
            long t0 = System.nanoTime();
            history.appendTo(storage.eventLog(), TENANT, events);
            report.add(rate("log append", events, t0));
            new SyntheticHistory(7, START).appendTo(storage.eventLog(), EMBEDDED, embedded);

            // 2. The model alone: the pool of texts, embedded in batches on every core.
            List<String> texts = new ArrayList<>();
            var sample = new SyntheticHistory(42, START);
            for (int i = 0; i < pool; i++) {
                EventDraft d = sample.event(i);
                texts.add(d.title() + "\n" + d.body());
            }
            embedder.embedAll(texts.subList(0, Math.min(200, texts.size()))); // warm up the ONNX session
            t0 = System.nanoTime();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < texts.size(); i += 256) {
                vectors.addAll(embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 256))));
            }
            double modelRate = texts.size() / seconds(t0);
            report.add(String.format(
                    "%-44s %,10.0f texts/s  (%,d texts, %.0f words on average)",
                    "embedding model alone",
                    modelRate,
                    texts.size(),
                    texts.stream()
                            .mapToInt(s -> s.split("\\s+").length)
                            .average()
                            .orElse(0)));

            // 3. The real search projection, embeddings included, on its own tenant.
            try (var index = LuceneSearchIndex.open(dir.resolve("index-embedded"))) {
                var projection = new SearchProjection(storage.eventLog(), index, embedder);
                t0 = System.nanoTime();
                while (projection.catchUp(EMBEDDED) > 0) {
                    // until the tenant's log is indexed
                }
                index.commit();
                double pipelineRate = embedded / seconds(t0);
                report.add(String.format(
                        "%-44s %,10.0f events/s (%.0f%% of the model alone)",
                        "projection + indexing with embeddings", pipelineRate, 100 * pipelineRate / modelRate));
            }

            // 4. The graph projection over the whole history.
            var graph = new GraphProjector(storage.eventLog(), storage.graph(), Engine.connectors());
            t0 = System.nanoTime();
            while (graph.catchUp(TENANT) > 0) {
                // until the graph has read the log
            }
            report.add(rate("graph projection", events, t0));

            // 5. The keyword index alone.
            try (var keyword = LuceneSearchIndex.open(dir.resolve("index-keyword"), 512)) {
                t0 = System.nanoTime();
                indexAll(storage, keyword, null);
                keyword.commit();
                report.add(rate("keyword index alone", events, t0));
                report.add(String.format("%-44s %,10d MB", "keyword index size", keyword.sizeOnDisk() >> 20));
            }

            // 6. The full index (words and vectors) at this size; vectors come from the embedded pool
            //    with a little noise, since embedding a million texts here takes the model ~30 minutes.
            try (var full = LuceneSearchIndex.open(dir.resolve("index-full"), 1024)) {
                t0 = System.nanoTime();
                indexAll(storage, full, vectors);
                full.commit();
                report.add(rate("keyword + vector index (pool vectors)", events, t0));
                report.add(String.format("%-44s %,10d MB", "keyword + vector index size", full.sizeOnDisk() >> 20));

                // 7. Search latency at this size, query embedding included.
                var search = new Search(full, embedder);
                for (SearchMode mode : SearchMode.values()) {
                    report.add(latency(search, mode));
                }
            }
            report.add(String.format(
                    "%-44s %,10d MB",
                    "SQLite database (log + graph)",
                    Files.size(dir.resolve("store").resolve(SqliteStorage.DATABASE_FILE)) >> 20));
        }
        System.gc();
        var heap = Runtime.getRuntime();
        report.add(String.format(
                "%-44s %,10d MB (max %,d MB)",
                "heap in use after GC", (heap.totalMemory() - heap.freeMemory()) >> 20, heap.maxMemory() >> 20));
        report.add(String.format("%-44s %,10d MB", "resident set size (peak)", peakRssMb()));
        System.out.println();
        report.forEach(System.out::println);
        if (data == null) {
            deleteRecursively(dir);
        }
        return 0;
    }

    private void indexAll(SqliteStorage storage, LuceneSearchIndex index, List<float[]> pool) {
        var noise = new SplittableRandom(3);
        long after = 0;
        while (true) {
            var page = storage.eventLog()
                    .read(TENANT, EventQuery.all(EventQuery.MAX_LIMIT).after(after));
            if (page.events().isEmpty()) {
                index.refresh();
                return;
            }
            List<SearchIndex.Indexed> batch = new ArrayList<>(page.events().size());
            for (Event e : page.events()) {
                batch.add(new SearchIndex.Indexed(
                        e, pool == null ? null : jitter(pool.get((int) ((e.seq() - 1) % pool.size())), noise)));
            }
            index.index(TENANT, batch);
            after = page.nextAfter();
        }
    }

    /** A pool vector moved a little and renormalised, so no two documents share a vector. */
    private static float[] jitter(float[] v, SplittableRandom random) {
        float[] out = new float[v.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + (random.nextDouble() - 0.5) * 0.02);
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    private String latency(Search search, SearchMode mode) {
        var histogram = new Histogram(60_000_000_000L, 3);
        List<String> texts = SyntheticHistory.queries();
        for (int i = 0; i < queries + 50; i++) {
            var query = SearchQuery.of(texts.get(i % texts.size()) + (i % 3 == 0 ? "" : " " + (i % 97)), 10)
                    .withMode(mode);
            long start = System.nanoTime();
            search.search(TENANT, query);
            if (i >= 50) {
                histogram.recordValue(System.nanoTime() - start);
            }
        }
        return String.format(
                "%-44s p50 %6.1f ms   p99 %6.1f ms   (%d queries, top 10)",
                "search latency, " + mode.name().toLowerCase(java.util.Locale.ROOT),
                histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6,
                queries);
    }

    private static String rate(String what, int count, long startNanos) {
        double s = seconds(startNanos);
        return String.format("%-44s %,10.0f events/s (%,d in %.1f s)", what, count / s, count, s);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
