package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant of a {@link TestServer} with one tool connected the way a person connects it ({@code
 * POST /v1/connections {provider, secret}}), for the connectors' end-to-end tests; and the log
 * read back through {@code GET /v1/events}.
 */
record ConnectedTool(TestServer server, String apiKey, String connectionId, String secret) {

    static ConnectedTool connect(TestServer server, String tenantId, String provider, String secret) {
        String apiKey = server.tenant(tenantId).apiKey();
        var created = server.post("/v1/connections", apiKey, Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.get("webhookUrl").stringValue())
                .endsWith("/webhooks/" + provider + "/" + created.get("id").stringValue());
        return new ConnectedTool(server, apiKey, created.get("id").stringValue(), secret);
    }

    /** Another tool connected to the same tenant. */
    ConnectedTool alsoConnect(String provider, String secret) {
        var created = server.post("/v1/connections", apiKey, Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new ConnectedTool(server, apiKey, created.get("id").stringValue(), secret);
    }

    /** Posts a delivery to this connection's webhook URL. */
    TestServer.Reply post(String provider, byte[] body, Map<String, String> headers) {
        return server.postBytes("/webhooks/" + provider + "/" + connectionId, null, body, headers);
    }

    /** The tenant's whole log, in causal order. */
    List<JsonNode> events() {
        var events = new ArrayList<JsonNode>();
        long after = 0;
        while (true) {
            var page = server.get("/v1/events?limit=100&after=" + after, apiKey);
            assertThat(page.status()).isEqualTo(200);
            page.get("events").forEach(events::add);
            after = page.get("nextAfter").asLong();
            if (!page.get("hasMore").asBoolean()) {
                return events;
            }
        }
    }

    /** The tenant's events from one source, as the records a graph extractor reads. */
    List<Event> stored(String source) {
        return events().stream()
                .filter(e -> e.get("source").stringValue().equals(source))
                .map(ConnectedTool::event)
                .toList();
    }

    /** One event of the API as the domain record, the way the store hands it to the graph projector. */
    static Event event(JsonNode json) {
        ObjectNode copy = (ObjectNode) json.deepCopy();
        copy.remove("raw");
        return Json.MAPPER.treeToValue(copy, Event.class);
    }

    /** An error reply's code and message, checked to say what happened in words a person can act on. */
    static void assertError(TestServer.Reply reply, int status, String code, String... messageParts) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.get("error").get("code").stringValue()).isEqualTo(code);
        for (String part : messageParts) {
            assertThat(reply.get("error").get("message").stringValue()).contains(part);
        }
    }
}
