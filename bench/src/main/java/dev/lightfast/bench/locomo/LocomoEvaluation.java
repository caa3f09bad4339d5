package dev.lightfast.bench.locomo;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Retrieval on LoCoMo conversations through the public API, as a user of the product would do it:
 * a real server on a free port, one tenant per conversation, every turn posted with {@code POST
 * /v1/events} (source {@code chat}, the speaker as actor, the session's date as {@code occurredAt},
 * the image caption in the text, the {@code dia_id} in the attributes, the turn before it in
 * its session as its cause: the message it answers), and every question of
 * categories 1-4 sent to {@code GET /v1/search} in each mode. A plain BM25 over the same turns is
 * the baseline. Reported by category:
 *
 * <ul>
 *   <li>hit@k: the share of questions with at least one evidence turn among the first k hits;
 *   <li>recall@k: the share of each question's evidence turns among the first k, averaged;
 *   <li>MRR: the reciprocal rank of the first evidence turn, averaged.
 * </ul>
 */
public final class LocomoEvaluation {
    private static final String SOURCE = "chat";
    private static final String TYPE = "chat.message.posted";
    private static final int DEPTH = 10;
    private static final int TITLE_QUOTE = 100;
    private static final List<String> MODES = List.of("keyword", "vector", "hybrid");
    private static final String BASELINE = "BM25 (plain)";

    private final Path file;
    private final Path data;
    private final boolean showMisses;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public LocomoEvaluation(Path file, Path data, boolean showMisses) {
        this.file = file;
        this.data = data;
        this.showMisses = showMisses;
    }

    /** Scores of one retriever over a set of questions. */
    static final class Score {
        int questions;
        double hit5;
        double hit10;
        double recall5;
        double recall10;
        double reciprocalRank;

        void add(List<String> ranked, Set<String> evidence) {
            questions++;
            hit5 += found(ranked, evidence, 5) > 0 ? 1 : 0;
            hit10 += found(ranked, evidence, 10) > 0 ? 1 : 0;
            recall5 += (double) found(ranked, evidence, 5) / evidence.size();
            recall10 += (double) found(ranked, evidence, 10) / evidence.size();
            for (int i = 0; i < ranked.size(); i++) {
                if (evidence.contains(ranked.get(i))) {
                    reciprocalRank += 1.0 / (i + 1);
                    break;
                }
            }
        }

        static long found(List<String> ranked, Set<String> evidence, int k) {
            return ranked.stream().limit(k).filter(evidence::contains).count();
        }

        String row(String name) {
            return String.format(
                    Locale.ROOT,
                    "| %-14s | %9d | %5.3f | %6.3f | %8.3f | %9.3f | %5.3f |",
                    name,
                    questions,
                    hit5 / questions,
                    hit10 / questions,
                    recall5 / questions,
                    recall10 / questions,
                    reciprocalRank / questions);
        }
    }

    public int run() throws IOException, InterruptedException {
        List<LocomoConversation> conversations = LocomoConversation.read(file);
        int dropped = LocomoConversation.unanswerable(file);
        Path dir = data != null ? data : Files.createTempDirectory("lightfast-locomo-");
        String admin = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, Map<String, Score>> byCategory = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        try (var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", 0, dir, admin, null))) {
            String base = "http://127.0.0.1:" + lightfast.port();
            long postStart = System.nanoTime();
            int turns = 0;
            Map<String, Posted> posted = new LinkedHashMap<>();
            for (var c : conversations) {
                posted.put(c.id(), post(base, admin, c));
                turns += c.turns().size();
            }
            double postSeconds = (System.nanoTime() - postStart) / 1e9;
            long projectStart = System.nanoTime();
            for (var c : conversations) {
                if (!lightfast.projections().awaitCaughtUp(posted.get(c.id()).tenant(), Duration.ofMinutes(30))) {
                    throw new IllegalStateException("the search index did not catch up with " + c.id());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d conversations, %d turns posted through POST /v1/events in %.1f s; indexed %.1f s later%n",
                    conversations.size(),
                    turns,
                    postSeconds,
                    (System.nanoTime() - projectStart) / 1e9);
            int questions = 0;
            long searchStart = System.nanoTime();
            for (var c : conversations) {
                Posted p = posted.get(c.id());
                try (var bm25 = new PlainBm25(c)) {
                    for (var q : c.questions()) {
                        questions++;
                        Map<String, List<String>> ranked = new LinkedHashMap<>();
                        ranked.put(BASELINE, bm25.search(q.text(), DEPTH));
                        for (String mode : MODES) {
                            ranked.put(mode, search(base, p, q.text(), mode));
                        }
                        for (var r : ranked.entrySet()) {
                            for (String key : List.of("all", LocomoConversation.categoryName(q.category()))) {
                                byCategory
                                        .computeIfAbsent(key, k -> new LinkedHashMap<>())
                                        .computeIfAbsent(r.getKey(), k -> new Score())
                                        .add(r.getValue(), q.evidence());
                            }
                        }
                        List<String> hybrid = ranked.get("hybrid");
                        if (showMisses && Score.found(hybrid, q.evidence(), DEPTH) == 0) {
                            misses.add(miss(c, q, hybrid));
                        }
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d questions (categories 1-4; %d more name no turn that exists), %d searches in %.1f s%n%n",
                    questions,
                    dropped,
                    questions * MODES.size(),
                    (System.nanoTime() - searchStart) / 1e9);
        }
        for (var category : byCategory.entrySet()) {
            System.out.println("Questions: " + category.getKey());
            System.out.println("| retriever      | questions | hit@5 | hit@10 | recall@5 | recall@10 |   MRR |");
            System.out.println("|----------------|-----------|-------|--------|----------|-----------|-------|");
            category.getValue().forEach((name, score) -> System.out.println(score.row(name)));
            System.out.println();
        }
        if (showMisses) {
            System.out.println("Hybrid misses at " + DEPTH + ":");
            misses.forEach(System.out::println);
        }
        return 0;
    }

    /** What one conversation became: its tenant, API key, and which event is which turn. */
    record Posted(TenantId tenant, String apiKey, Map<String, String> diaIdByEvent) {}

    private Posted post(String base, String admin, LocomoConversation c) throws IOException, InterruptedException {
        TenantId tenant = TenantId.of("locomo-" + c.id());
        JsonNode created = send(
                "POST",
                base + "/v1/admin/tenants",
                admin,
                Json.MAPPER.writeValueAsString(Map.of("id", tenant.value(), "name", "LoCoMo " + c.id())),
                201);
        String key = created.get("apiKey").stringValue();
        Map<String, String> diaIdByEvent = new LinkedHashMap<>();
        String previous = null;
        for (var placed : c.turns()) {
            var turn = placed.turn();
            String text = turn.imageCaption() == null
                    ? turn.text()
                    : turn.text() + "\n[shared an image: " + turn.imageCaption() + "]";
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("source", SOURCE);
            event.put("type", TYPE);
            // A session gives one date and time; its turns follow it a second apart, in order.
            event.put(
                    "occurredAt",
                    placed.session().startedAt().plusSeconds(placed.index()).toString());
            event.put("actor", person(turn.speaker()));
            event.put(
                    "subjects",
                    List.of(
                            Map.of(
                                    "kind",
                                    "thread",
                                    "key",
                                    "chat:" + c.id() + "/session/"
                                            + placed.session().number(),
                                    "label",
                                    c.id() + " session " + placed.session().number()),
                            person(turn.speaker())));
            event.put("title", turn.speaker() + ": " + excerpt(turn.text()));
            event.put("body", text);
            event.put(
                    "attributes",
                    Map.of(
                            "dia_id",
                            turn.diaId(),
                            "conversation",
                            c.id(),
                            "session",
                            placed.session().number()));
            // Each turn answers the one before it in its session, as a chat client records a reply.
            if (previous != null && placed.index() > 0) {
                event.put("causes", List.of(previous));
            }
            event.put("idempotencyKey", c.id() + "/" + turn.diaId());
            JsonNode appended = send("POST", base + "/v1/events", key, Json.MAPPER.writeValueAsString(event), 201);
            previous = appended.get("events").get(0).get("id").stringValue();
            diaIdByEvent.put(previous, turn.diaId());
        }
        return new Posted(tenant, key, diaIdByEvent);
    }

    private static Map<String, String> person(String name) {
        return Map.of("kind", "person", "key", "chat:" + name.toLowerCase(Locale.ROOT), "label", name);
    }

    private static String excerpt(String text) {
        if (text.length() <= TITLE_QUOTE) {
            return text;
        }
        int cut = text.lastIndexOf(' ', TITLE_QUOTE);
        return text.substring(0, cut > 0 ? cut : TITLE_QUOTE) + "…";
    }

    private List<String> search(String base, Posted p, String question, String mode)
            throws IOException, InterruptedException {
        JsonNode results = send(
                "GET",
                base + "/v1/search?limit=" + DEPTH + "&mode=" + mode + "&q="
                        + URLEncoder.encode(question, StandardCharsets.UTF_8),
                p.apiKey(),
                null,
                200);
        List<String> ranked = new ArrayList<>();
        for (JsonNode hit : results.get("hits")) {
            String diaId = p.diaIdByEvent().get(hit.get("eventId").stringValue());
            if (diaId == null) {
                throw new IllegalStateException("a hit cites an event that was not posted: " + hit);
            }
            ranked.add(diaId);
        }
        return ranked;
    }

    private JsonNode send(String method, String url, String bearer, String body, int expected)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static String miss(LocomoConversation c, LocomoConversation.Question q, List<String> hybrid) {
        Map<String, LocomoConversation.Turn> turns = new LinkedHashMap<>();
        c.turns().forEach(p -> turns.put(p.turn().diaId(), p.turn()));
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n[%s, cat %d] %s%n", c.id(), q.category(), q.text()));
        for (String id : q.evidence()) {
            var t = turns.get(id);
            out.append(String.format(Locale.ROOT, "   want %-7s %s: %s%n", id, t.speaker(), t.text()));
        }
        for (String id : hybrid.subList(0, Math.min(3, hybrid.size()))) {
            var t = turns.get(id);
            out.append(String.format(Locale.ROOT, "   got  %-7s %s: %s%n", id, t.speaker(), t.text()));
        }
        return out.toString();
    }
}
