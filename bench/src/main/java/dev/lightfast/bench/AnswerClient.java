package dev.lightfast.bench;

import dev.lightfast.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Asks a real server over HTTP, as an agent would: answers, search, the admin calls a run needs. */
public final class AnswerClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String apiKey;

    public AnswerClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public void apiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /** An answer and the question it answers. */
    public record Timed(String question, JsonNode answer) {}

    /** Asks {@code POST /v1/answer}, timing it and counting its uncited values against {@code f}. */
    public Timed ask(String question, AnswerFamily f) throws Exception {
        long start = System.nanoTime();
        JsonNode answer = post("/v1/answer", apiKey, Map.of("question", question, "limit", 10));
        int uncited = 0;
        for (JsonNode v : answer.path("answer")) {
            if (v.path("citations").isEmpty()) {
                uncited++;
            }
        }
        f.answered((System.nanoTime() - start) / 1_000, uncited);
        return new Timed(question, answer);
    }

    public JsonNode search(String q, int limit) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(
                        base + "/v1/search?limit=" + limit + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + apiKey)
                .build();
        return send(request);
    }

    public JsonNode post(String path, String token, Map<String, Object> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        return send(request);
    }

    private JsonNode send(HttpRequest request) throws Exception {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    // ---- reading answers -------------------------------------------------------------------------

    /** The answer's values of a kind ({@code person}, {@code time}, ...), all when null. */
    public static List<JsonNode> values(JsonNode answer, String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode v : answer.path("answer")) {
            if (kind == null || kind.equals(v.path("kind").asString())) {
                out.add(v);
            }
        }
        return out;
    }

    public static Set<String> ids(List<JsonNode> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.path("id").asString()));
        return out;
    }

    public static String label(JsonNode v) {
        return v.path("label").asString();
    }

    public static List<String> labels(List<JsonNode> values) {
        return values.stream().map(AnswerClient::label).toList();
    }

    /** The summary's sentences, joined. */
    public static String summary(JsonNode answer) {
        var sb = new StringBuilder();
        answer.path("summary").forEach(s -> sb.append(s.path("text").asString()).append(' '));
        return sb.toString().strip();
    }
}
