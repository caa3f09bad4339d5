package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.answer.ChatCompletionsProse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A configured language model writes the prose, against a real HTTP endpoint that speaks the chat
 * completions protocol: what survives is only the sentences citing retrieved evidence.
 */
class ModelProseTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    private HttpServer model;
    private final AtomicReference<String> reply = new AtomicReference<>();
    private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();

    @BeforeEach
    void startModel() throws IOException {
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/v1/chat/completions", exchange -> {
            lastRequest.set(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = Json.MAPPER.writeValueAsBytes(Map.of(
                    "choices", List.of(Map.of("message", Map.of("role", "assistant", "content", reply.get())))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
    }

    @AfterEach
    void stopModel() {
        model.stop(0);
    }

    private Engine engineWithHistory(String baseUrl) {
        var engine = Engine.open(dir, Clock.systemUTC(), new ChatCompletionsProse(baseUrl, "test-model", "k"));
        var now = engine.clock().instant();
        engine.storage()
                .tenants()
                .create(new Tenant(ACME, "acme", now), ApiKeys.issue(ACME, now).stored());
        engine.storage().connections().create(new Connection("con_1", ACME, "github", "s", now));
        int n = 0;
        for (String path : List.of(
                "issues/15-opened.json", "pull_request/00-opened.json", "pull_request_review/00-submitted.json")) {
            var f = GithubFixtures.get(path);
            engine.ingestion()
                    .replay(
                            "github",
                            "con_1",
                            new WebhookRequest(GithubFixtures.signedHeaders(f, "s", "d" + n++), f.body()));
        }
        engine.catchUp();
        return engine;
    }

    @Test
    void only_sentences_citing_retrieved_evidence_survive() {
        reply.set("Codertocat reviewed pull request #2 [1]. The team loves it. It fixes a typo [99].");
        try (var engine =
                engineWithHistory("http://127.0.0.1:" + model.getAddress().getPort() + "/v1")) {
            var answer = engine.answerer().answer(ACME, "who reviewed pull request #2?", AsOf.NOW, 5);
            assertThat(answer.summaryBy()).isEqualTo("model");
            assertThat(answer.summary()).singleElement().satisfies(s -> {
                assertThat(s.text()).isEqualTo("Codertocat reviewed pull request #2.");
                assertThat(s.citations())
                        .containsExactly(answer.evidence().getFirst().eventId());
            });
            String prompt =
                    lastRequest.get().get("messages").get(1).get("content").stringValue();
            assertThat(prompt)
                    .contains("[1] ")
                    .contains(answer.evidence().getFirst().title());
            assertThat(lastRequest.get().get("model").stringValue()).isEqualTo("test-model");
        }
    }

    @Test
    void an_unusable_model_leaves_the_extractive_summary() {
        reply.set("Nothing here cites anything.");
        try (var engine =
                engineWithHistory("http://127.0.0.1:" + model.getAddress().getPort() + "/v1")) {
            var answer = engine.answerer().answer(ACME, "who reviewed pull request #2?", AsOf.NOW, 5);
            assertThat(answer.summaryBy()).isEqualTo("extractive");
            assertThat(answer.summary()).isNotEmpty();
        }
    }
}
