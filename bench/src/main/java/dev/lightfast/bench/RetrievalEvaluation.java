package dev.lightfast.bench;

import dev.lightfast.bench.locomo.LocomoEvaluation;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.search.LuceneSearchIndex;
import dev.lightfast.server.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lightfast bench eval}: retrieval quality on the demo history. Every labelled question
 * names the deliveries whose events answer it; each retrieval mode ranks events for the question
 * and we report recall@5, recall@10 and mean reciprocal rank, overall and per kind of question.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Recall@5, recall@10 and MRR of keyword, vector, hybrid search and answers on the demo history.")
final class RetrievalEvaluation implements Callable<Integer> {
    private static final TenantId TENANT = TenantId.of("eval");
    private static final String HISTORY = "demo/history/";
    private static final String QUESTIONS = "eval/questions.jsonl";
    private static final int DEPTH = 10;

    @Option(names = "--data", description = "directory for the run (default: a fresh temporary directory)")
    Path data;

    @Option(names = "--show-misses", description = "print the questions the hybrid mode misses at 10")
    boolean showMisses;

    @Option(
            names = "--compare",
            split = ",",
            paramLabel = "MODE,MODE",
            description = "print the questions where two modes rank the first answering event differently")
    List<String> compare;

    @Option(
            names = "--dataset",
            description = "demo (the bundled history, default); team (the demo's team history, answers scored per"
                    + " question family generated from the story); commits FILE (a commit history as JSON lines,"
                    + " replayed as signed pushes, answers scored per question family); locomo FILE (a LoCoMo"
                    + " JSON file: turns posted as events, search scored per question category)",
            defaultValue = "demo")
    String dataset;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the dataset's file, for commits and locomo")
    Path datasetFile;

    /** One labelled question: its text, its kind and the events that answer it. */
    record Labelled(String id, String question, String kind, Set<String> relevant) {}

    /** Sums for one mode over a set of questions. */
    static final class Score {
        int questions;
        double recall5;
        double recall10;
        double reciprocalRank;

        void add(List<String> ranked, Set<String> relevant) {
            questions++;
            recall5 += recall(ranked, relevant, 5);
            recall10 += recall(ranked, relevant, 10);
            for (int i = 0; i < ranked.size(); i++) {
                if (relevant.contains(ranked.get(i))) {
                    reciprocalRank += 1.0 / (i + 1);
                    break;
                }
            }
        }

        static double recall(List<String> ranked, Set<String> relevant, int k) {
            long found = ranked.stream().limit(k).filter(relevant::contains).count();
            return (double) found / relevant.size();
        }

        String row(String name) {
            return String.format(
                    Locale.ROOT,
                    "| %-16s | %9d | %8.3f | %9.3f | %6.3f |",
                    name,
                    questions,
                    recall5 / questions,
                    recall10 / questions,
                    reciprocalRank / questions);
        }
    }

    @Override
    public Integer call() throws Exception {
        if ("commits".equals(dataset)) {
            Path file = datasetFile != null ? datasetFile : Path.of("../shared/datasets/mcp-java-sdk.commits.jsonl");
            Path runDir = data != null ? data : Files.createTempDirectory("lightfast-eval-commits-");
            return new CommitHistoryEvaluation(file, runDir, showMisses).run();
        }
        if ("team".equals(dataset)) {
            Path runDir = data != null ? data : Files.createTempDirectory("lightfast-eval-team-");
            return new dev.lightfast.bench.demo.TeamHistoryEvaluation(runDir, showMisses).run();
        }
        if ("locomo".equals(dataset)) {
            if (datasetFile == null) {
                throw new IllegalArgumentException(
                        "--dataset locomo needs the LoCoMo JSON file, e.g. " + "../shared/datasets/locomo-dev.json");
            }
            return new LocomoEvaluation(datasetFile, data, showMisses).run();
        }
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-eval-");
        try (var engine = Engine.open(dir, Clock.systemUTC())) {
            long start = System.nanoTime();
            int deliveries = replay(engine);
            engine.catchUp();
            System.out.printf(
                    "Replayed %d deliveries (%d events) and projected them in %.1f s%n",
                    deliveries, engine.storage().eventLog().lastSeq(TENANT), (System.nanoTime() - start) / 1e9);
            List<Labelled> questions = labelled(engine);
            System.out.printf("%d labelled questions%n%n", questions.size());

            Map<String, Function<String, List<String>>> modes = new LinkedHashMap<>();
            for (SearchMode mode : SearchMode.values()) {
                modes.put(
                        mode.name().toLowerCase(Locale.ROOT),
                        q -> ids(engine.search()
                                .search(TENANT, SearchQuery.of(q, DEPTH).withMode(mode))));
            }
            modes.put(
                    "hybrid, RRF",
                    q -> ids(engine.index()
                            .search(
                                    TENANT,
                                    SearchQuery.of(q, DEPTH),
                                    engine.embedder().embed(q),
                                    LuceneSearchIndex.Fusion.RRF)));
            modes.put(
                    "answer",
                    q -> engine.answerer().answer(TENANT, q, AsOf.NOW, DEPTH).evidence().stream()
                            .map(e -> e.eventId())
                            .toList());

            Map<String, Map<String, Score>> byKind = new LinkedHashMap<>();
            List<String> misses = new ArrayList<>();
            Map<String, Map<String, Integer>> firstHit = new LinkedHashMap<>();
            for (Labelled q : questions) {
                for (var mode : modes.entrySet()) {
                    List<String> ranked = mode.getValue().apply(q.question());
                    byKind.computeIfAbsent("all", k -> new LinkedHashMap<>())
                            .computeIfAbsent(mode.getKey(), k -> new Score())
                            .add(ranked, q.relevant());
                    byKind.computeIfAbsent(q.kind(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(mode.getKey(), k -> new Score())
                            .add(ranked, q.relevant());
                    if (mode.getKey().equals("hybrid") && Score.recall(ranked, q.relevant(), DEPTH) == 0) {
                        misses.add(q.id() + " " + q.question());
                    }
                    firstHit.computeIfAbsent(q.id(), k -> new LinkedHashMap<>())
                            .put(mode.getKey(), first(ranked, q.relevant()));
                }
            }
            for (var kind : byKind.entrySet()) {
                System.out.println("Questions: " + kind.getKey());
                System.out.println("| mode             | questions | recall@5 | recall@10 |    MRR |");
                System.out.println("|------------------|-----------|----------|-----------|--------|");
                kind.getValue().forEach((mode, score) -> System.out.println(score.row(mode)));
                System.out.println();
            }
            if (compare != null && compare.size() == 2 && modes.keySet().containsAll(compare)) {
                String[] pair = compare.toArray(String[]::new);
                for (Labelled q : questions) {
                    var ranks = firstHit.get(q.id());
                    if (!ranks.get(pair[0]).equals(ranks.get(pair[1]))) {
                        System.out.printf(
                                "%s %s=%d %s=%d %s%n",
                                q.id(), pair[0], ranks.get(pair[0]), pair[1], ranks.get(pair[1]), q.question());
                    }
                }
            }
            if (showMisses) {
                System.out.println("Hybrid misses at 10:");
                misses.forEach(m -> System.out.println("  " + m));
            }
        }
        return 0;
    }

    private static int first(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::eventId).toList();
    }

    /** Replays the bundled history without signatures (an operator's replay), one connection per tool. */
    private static int replay(Engine engine) throws IOException {
        var now = engine.clock().instant();
        engine.storage()
                .tenants()
                .create(
                        new Tenant(TENANT, "eval", now),
                        ApiKeys.issue(TENANT, now).stored());
        Map<String, String> connections = new HashMap<>();
        int count = 0;
        for (String line : resource(HISTORY + "index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            JsonNode file = Json.MAPPER.readTree(resource(HISTORY + name));
            String provider = file.get("provider").stringValue();
            if (engine.connectorRegistry().find(provider).isEmpty()) {
                continue; // a tool this build does not know yet
            }
            String connection = connections.computeIfAbsent(
                    provider,
                    p -> engine.storage()
                            .connections()
                            .create(new Connection("con_eval_" + p, TENANT, p, "eval-secret", now))
                            .id());
            Map<String, String> headers = new LinkedHashMap<>();
            file.get("headers")
                    .properties()
                    .forEach(h -> headers.put(h.getKey(), h.getValue().asString()));
            var outcome = engine.ingestion()
                    .replay(
                            provider,
                            connection,
                            new WebhookRequest(headers, Json.MAPPER.writeValueAsBytes(file.get("body"))));
            if (outcome instanceof WebhookIngestion.Outcome.Stored) {
                count++;
            }
        }
        return count;
    }

    /** The questions, with each expected delivery resolved to the events it produced. */
    private static List<Labelled> labelled(Engine engine) {
        var log = engine.storage().eventLog();
        Map<String, List<Event>> byDelivery = new HashMap<>();
        Map<String, String> deliveryKeys = new HashMap<>();
        long after = 0;
        while (true) {
            var page = log.read(TENANT, EventQuery.all(EventQuery.MAX_LIMIT).after(after));
            for (Event e : page.events()) {
                String key = deliveryKeys.computeIfAbsent(
                        e.rawRef(),
                        ref -> log.findRaw(TENANT, ref)
                                .map(r -> r.source() + "/" + r.deliveryKey())
                                .orElse(""));
                byDelivery.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
            if (!page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        List<Labelled> out = new ArrayList<>();
        int skipped = 0;
        for (String line : resource(QUESTIONS).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = Json.MAPPER.readTree(line);
            Set<String> relevant = new LinkedHashSet<>();
            for (JsonNode expected : q.get("expected")) {
                String type = expected.has("type") ? expected.get("type").stringValue() : null;
                String sha = expected.has("sha") ? expected.get("sha").stringValue() : null;
                for (Event e : byDelivery.getOrDefault(
                        expected.get("provider").stringValue() + "/"
                                + expected.get("delivery").stringValue(),
                        List.of())) {
                    boolean typeMatches = type == null || e.type().equals(type);
                    boolean shaMatches =
                            sha == null || sha.equals(e.attributes().get("sha"));
                    if (typeMatches && shaMatches) {
                        relevant.add(e.id());
                    }
                }
            }
            if (relevant.isEmpty()) {
                skipped++; // its tool is not connected in this build, or the label is wrong
                continue;
            }
            out.add(new Labelled(
                    q.get("id").stringValue(),
                    q.get("question").stringValue(),
                    q.get("kind").stringValue(),
                    relevant));
        }
        if (skipped > 0) {
            System.out.printf("%d questions skipped: none of their expected events is in the log%n", skipped);
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = RetrievalEvaluation.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is the demo history bundled?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
