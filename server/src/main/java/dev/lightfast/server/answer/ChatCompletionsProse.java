package dev.lightfast.server.answer;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.ProseWriter;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Prose from an OpenAI-compatible chat completions endpoint ({@code LIGHTFAST_LLM_URL}, e.g. a
 * local model server). It is told to cite evidence as {@code [n]}; what it returns is checked
 * sentence by sentence before anyone sees it. Any failure leaves the extractive summary in place.
 */
public final class ChatCompletionsProse implements ProseWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsProse.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String INSTRUCTIONS = """
      You answer questions about a software team's work using only the numbered evidence given.
      Write at most four short sentences. End every sentence with the evidence it rests on, as [n]
      or [n, m]. Do not state anything the evidence does not say. If the evidence does not answer
      the question, say so in one sentence citing the closest evidence.""";

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl the API base, e.g. {@code http://localhost:11434/v1}; {@code /chat/completions}
     *     is appended
     */
    public ChatCompletionsProse(String baseUrl, String model, String apiKey) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
    }

    /**
     * The writer configured by {@code LIGHTFAST_LLM_URL} (and optionally {@code LIGHTFAST_LLM_MODEL},
     * {@code LIGHTFAST_LLM_API_KEY}); empty when no URL is set, which is the default.
     */
    public static Optional<ProseWriter> fromEnvironment(Map<String, String> env) {
        String url = env.get("LIGHTFAST_LLM_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ChatCompletionsProse(
                url.strip(), env.getOrDefault("LIGHTFAST_LLM_MODEL", "gpt-4o-mini"), env.get("LIGHTFAST_LLM_API_KEY")));
    }

    @Override
    public Optional<String> write(String question, List<Answer.Evidence> evidence) {
        var prompt = new StringBuilder("Question: ").append(question).append("\n\nEvidence:\n");
        for (Answer.Evidence e : evidence) {
            prompt.append('[')
                    .append(e.rank())
                    .append("] ")
                    .append(e.occurredAt())
                    .append(' ')
                    .append(e.type())
                    .append(": ")
                    .append(e.title())
                    .append('\n');
        }
        var body = Map.of(
                "model",
                model,
                "temperature",
                0,
                "messages",
                List.of(
                        Map.of("role", "system", "content", INSTRUCTIONS),
                        Map.of("role", "user", "content", prompt.toString())));
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn(
                        "language model at {} answered {}; keeping the extractive summary",
                        endpoint,
                        response.statusCode());
                return Optional.empty();
            }
            JsonNode content = Json.MAPPER
                    .readTree(response.body())
                    .path("choices")
                    .path(0)
                    .path("message")
                    .path("content");
            return content.isString() ? Optional.of(content.stringValue()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("language model at {} failed ({}); keeping the extractive summary", endpoint, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
