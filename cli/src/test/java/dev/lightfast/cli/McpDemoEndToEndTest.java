package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.json.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SDK's own Java client against the demo history, over streamable HTTP (a running server) and
 * over stdio ({@code lightfast mcp} as a child process, as an agent would start it), with the same
 * checks on both.
 */
class McpDemoEndToEndTest {
    private final DemoHistory demo = DemoHistory.prepared();

    @Test
    void the_java_client_uses_every_tool_over_streamable_http() {
        try (var lightfast = demo.serve()) {
            var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + lightfast.port())
                    .endpoint("/mcp")
                    .httpRequestCustomizer((request, method, uri, body, context) ->
                            request.header("Authorization", "Bearer " + demo.apiKey))
                    .build();
            try (var client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(60))
                    .build()) {
                client.initialize();
                exercise(client);
            }
        }
    }

    @Test
    void the_java_client_uses_every_tool_over_stdio() {
        var command = demo.stdioCommand();
        var params = ServerParameters.builder(command.getFirst())
                .args(command.subList(1, command.size()))
                .build();
        var transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        try (var client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(120))
                .initializationTimeout(Duration.ofSeconds(120))
                .build()) {
            client.initialize();
            exercise(client);
        }
        transport.awaitForExit();
    }

    /** Stdout of {@code lightfast mcp} is the protocol and nothing else, model loading and logging included. */
    @Test
    void stdio_writes_nothing_but_json_rpc_to_stdout() throws Exception {
        var process = new ProcessBuilder(demo.stdioCommand())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("""
          {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}
          {"jsonrpc":"2.0","method":"notifications/initialized"}
          {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"deployment"}}}
          not json at all
          {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"answer","arguments":{"question":"what was merged?"}}}
          """);
        }
        List<JsonNode> messages = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                JsonNode message = Json.MAPPER.readTree(line); // throws on anything that is not JSON
                assertThat(message.get("jsonrpc").stringValue()).as(line).isEqualTo("2.0");
                messages.add(message);
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(messages)
                .extracting(m -> m.path("id").isNull() ? "null" : m.get("id").asString())
                .containsExactlyInAnyOrder("1", "2", "3", "null");
        var parseError =
                messages.stream().filter(m -> m.get("id").isNull()).findFirst().orElseThrow();
        assertThat(parseError.get("error").get("code").asInt()).isEqualTo(-32700);
        messages.stream()
                .filter(m -> !m.get("id").isNull())
                .forEach(m -> assertThat(m.has("result")).isTrue());
    }

    @Test
    void stdio_refuses_a_data_directory_the_server_holds_and_says_where_the_tools_are() {
        try (var lightfast = demo.serve()) {
            assertThat(Main.run("mcp", "--data", demo.dataDir.toString())).isEqualTo(2);
        }
        assertThat(Main.run("mcp", "--data", demo.dataDir.resolve("missing").toString()))
                .isEqualTo(2);
        assertThat(Main.run("mcp", "--data", demo.dataDir.toString(), "--tenant", "nobody"))
                .isEqualTo(2);
    }

    // ---- the checks, the same on both transports -------------------------------------------

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        var result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
        assertThat(result.structuredContent()).as(tool).isNotNull();
        return result;
    }

    private static JsonNode structured(CallToolResult result) {
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private static String text(CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .findFirst()
                .orElse("");
    }

    private static void assertCitationsResolve(McpSyncClient client, CallToolResult result) {
        var citations = structured(result).get("citations");
        assertThat(citations).isNotEmpty();
        var links = result.content().stream()
                .filter(c -> c instanceof McpSchema.ResourceLink)
                .map(c -> ((McpSchema.ResourceLink) c).uri())
                .toList();
        var uris = new ArrayList<String>();
        for (JsonNode c : citations) {
            uris.add(c.get("uri").stringValue());
            var read = client.readResource(
                    new McpSchema.ReadResourceRequest(c.get("uri").stringValue()));
            var event = Json.MAPPER.readTree(
                    ((McpSchema.TextResourceContents) read.contents().getFirst()).text());
            assertThat(event.get("id").stringValue()).isEqualTo(c.get("eventId").stringValue());
        }
        assertThat(links).containsExactlyElementsOf(uris);
    }

    private void exercise(McpSyncClient client) {
        assertThat(client.listTools().tools())
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder(
                        "search",
                        "get_event",
                        "list_events",
                        "timeline",
                        "related",
                        "answer",
                        "check_rules",
                        "violations",
                        "why",
                        "truth",
                        "conflicts",
                        "propose_intent",
                        "execute_intent",
                        "intent_status");

        var listed = call(client, "list_events", Map.of("limit", 200));
        assertCitationsResolve(client, listed);
        var log = new ArrayList<JsonNode>();
        for (JsonNode page = structured(listed); ; ) {
            page.get("events").forEach(log::add);
            if (!page.get("hasMore").asBoolean()) {
                break;
            }
            page = structured(call(
                    client, "list_events", Map.of("after", page.get("nextAfter").asLong(), "limit", 200)));
        }
        assertThat(log).hasSize(demo.events);
        JsonNode known = null;
        for (JsonNode e : log) {
            boolean about = e.has("subjects") && !e.get("subjects").isEmpty();
            if (about && (known == null || e.get("type").stringValue().endsWith("pull_request.merged"))) {
                known = e;
            }
        }
        assertThat(known).as("an event about an entity").isNotNull();
        String id = known.get("id").stringValue();

        var search = call(client, "search", Map.of("query", known.get("title").stringValue()));
        assertThat(structured(search)
                        .get("hits")
                        .valueStream()
                        .map(h -> h.get("eventId").stringValue()))
                .contains(id);
        assertCitationsResolve(client, search);

        var event = call(client, "get_event", Map.of("id", id));
        assertThat(structured(event).get("event").get("title").stringValue())
                .isEqualTo(known.get("title").stringValue());

        var subject = known.get("subjects").get(0);
        var timeline = call(
                client,
                "timeline",
                Map.of(
                        "entity",
                        subject.get("key").stringValue(),
                        "kind",
                        subject.get("kind").stringValue(),
                        "limit",
                        200));
        String entityId = structured(timeline).get("entity").get("id").stringValue();
        var history = new ArrayList<String>();
        for (JsonNode page = structured(timeline); ; ) {
            page.get("events").forEach(e -> history.add(e.get("id").stringValue()));
            if (!page.get("hasMore").asBoolean()) {
                break;
            }
            page = structured(call(
                    client,
                    "timeline",
                    Map.of("entity", entityId, "after", page.get("nextAfter").asLong(), "limit", 200)));
        }
        assertThat(history).contains(id);

        var related = call(client, "related", Map.of("entity", entityId, "depth", 2));
        assertThat(structured(related).get("relations")).isNotEmpty();
        assertCitationsResolve(client, related);

        var answer = call(
                client,
                "answer",
                Map.of("question", "What happened with " + known.get("title").stringValue() + "?"));
        assertThat(structured(answer).get("evidence")).isNotEmpty();
        assertCitationsResolve(client, answer);

        // Why Tuesday's incident happened, from the Sentry issue back to the Slack decision, every step cited.
        var why = call(client, "why", Map.of("entity", "sentry:issue/6089233417", "kind", "incident"));
        var steps = structured(why).get("steps");
        assertThat(steps).isNotEmpty();
        assertThat(steps.get(steps.size() - 1).get("cause").get("kind").stringValue())
                .isEqualTo("decision");
        steps.forEach(s -> assertThat(s.get("citations")).isNotEmpty());
        assertCitationsResolve(client, why);
        var truth = call(client, "truth", Map.of("entity", "linear:ENG-134", "kind", "issue", "attribute", "state"));
        var state = structured(truth).get("truths").get(0);
        assertThat(state.get("value").stringValue()).isEqualTo("in_review");
        assertThat(state.get("conflict").asBoolean()).isTrue();
        assertThat(text(truth)).contains("Linear says Done").contains("still open");
        assertCitationsResolve(client, truth);
        var conflicts = call(client, "conflicts", Map.of("attribute", "state"));
        assertThat(structured(conflicts)
                        .get("conflicts")
                        .valueStream()
                        .map(c -> c.get("entity").get("label").stringValue()))
                .contains("ENG-134");
        assertCitationsResolve(client, conflicts);

        var missing = client.callTool(new CallToolRequest("search", Map.of()));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("'query' is required");
        var unknown = client.callTool(new CallToolRequest("get_event", Map.of("id", "01NOSUCHEVENT")));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("no event '01NOSUCHEVENT'");
        assertThatThrownBy(
                        () -> client.readResource(new McpSchema.ReadResourceRequest("lightfast://entities/ent_nope")))
                .isInstanceOf(McpError.class);
        assertThat(structured(call(client, "search", Map.of("query", "deployment")))
                        .get("hits"))
                .isNotEmpty();
    }
}
