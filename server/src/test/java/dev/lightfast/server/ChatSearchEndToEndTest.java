package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A conversation posted through {@code POST /v1/events}, each message naming the one it answers in
 * {@code causes}, then searched over HTTP: a message is found by the words of the exchange it
 * belongs to, whichever side said them, and after a restart the index answers the same.
 */
class ChatSearchEndToEndTest {
    @TempDir
    Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Posts the turns in order, each answering the one before; answers their event ids. */
    private List<String> conversation(String... turns) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            String speaker = i % 2 == 0 ? "Caroline" : "Melanie";
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("source", "chat");
            event.put("type", "chat.message.posted");
            event.put("occurredAt", "2023-05-08T13:56:0" + i + "Z");
            event.put("actor", Map.of("kind", "person", "key", "chat:" + speaker.toLowerCase(), "label", speaker));
            event.put("title", speaker + ": " + turns[i]);
            event.put("body", turns[i]);
            if (!ids.isEmpty()) {
                event.put("causes", List.of(ids.getLast()));
            }
            event.put("idempotencyKey", "turn-" + i);
            var reply = server.post("/v1/events", acme.apiKey(), event);
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            ids.add(reply.get("events").get(0).get("id").stringValue());
        }
        return ids;
    }

    private List<String> hits(String q, String mode) {
        var reply = server.get(
                "/v1/search?limit=10&mode=" + mode + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                acme.apiKey());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : reply.get("hits")) {
            ids.add(hit.get("eventId").stringValue());
        }
        return ids;
    }

    @Test
    void a_question_is_found_by_its_answer_and_an_answer_by_its_question() {
        var ids = conversation(
                "How long have you been married?",
                "Five years already! Feels like yesterday.",
                "Wow. Did you go anywhere nice for the honeymoon?",
                "We went hiking in the Rockies.");
        server.awaitProjected(acme);

        // "Five years" is said only in the answer; the question it answers is found by it too, and
        // so is the next message, which answers it in turn — but not the last one.
        assertThat(hits("five years", "keyword")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        // "married" is said only in the question; the answer is found by it.
        assertThat(hits("married", "keyword")).contains(ids.get(1));
        // A message is indexed with the one it answers and its first reply, not the whole chat.
        assertThat(hits("Rockies", "keyword")).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        // Who said it: the author's name is searched, the quoted body is not counted twice.
        assertThat(hits("Melanie honeymoon", "keyword").getFirst()).isEqualTo(ids.get(3));
        var hybrid = hits("how long has Melanie been married", "hybrid");
        assertThat(hybrid.getFirst()).as("Melanie's answer").isEqualTo(ids.get(1));
        assertThat(hybrid.subList(0, 3)).contains(ids.get(0));

        server.restart();
        server.awaitProjected(acme);
        assertThat(hits("five years", "keyword")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        assertThat(hits("how long has Melanie been married", "hybrid")).isEqualTo(hybrid);
    }
}
