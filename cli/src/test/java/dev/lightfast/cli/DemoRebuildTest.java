package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code lightfast rebuild} on the demo's data derives the same truths, why-chains, conflicts and patterns. */
class DemoRebuildTest {
    private final DemoHistory demo = DemoHistory.prepared();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rebuild_gives_the_same_truths_chains_conflicts_and_patterns() throws Exception {
        String before = snapshot();
        assertThat(Main.run("rebuild", "--data", demo.dataDir.toString())).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** What Reason II answers about the demo's history, as one comparable text. */
    private String snapshot() throws Exception {
        try (var server = demo.serve()) {
            String base = "http://127.0.0.1:" + server.port();
            List<Object> out = new ArrayList<>();
            for (String[] thing : new String[][] {
                {"incident", "sentry:issue/6089233417"},
                {"incident", "sentry:issue/6021458811"},
                {"issue", "linear:ENG-131"},
                {"issue", "linear:ENG-134"},
                {"issue", "linear:ENG-123"},
                {"pull_request", "github:ledgerloop/dashboard/pull/187"},
                {"pull_request", "github:ledgerloop/dashboard/pull/190"}
            }) {
                String id = get(
                                base,
                                "/v1/entities?kind=" + thing[0] + "&key="
                                        + URLEncoder.encode(thing[1], StandardCharsets.UTF_8))
                        .get("entities")
                        .get(0)
                        .get("id")
                        .stringValue();
                out.add(get(base, "/v1/why/" + id));
                out.add(get(base, "/v1/truth/" + id));
                out.add(get(base, "/v1/truth/" + id + "?asOf=2026-11-17T10:30:00Z"));
            }
            out.add(get(base, "/v1/conflicts?limit=200"));
            out.add(get(base, "/v1/conflicts?asOf=470&limit=200"));
            out.add(get(base, "/v1/patterns"));
            assertThat(((JsonNode) out.getFirst()).get("steps")).isNotEmpty();
            return Json.MAPPER.writeValueAsString(Map.of("snapshot", out));
        }
    }

    private JsonNode get(String base, String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + demo.apiKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
