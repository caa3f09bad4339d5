package dev.lightfast.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed JSON-RPC posted to {@code /mcp}: each gets a JSON-RPC error object with the code JSON-RPC
 * defines for it and a message without Java internals, never a stack trace, a class name or an empty
 * answer a client would wait on forever. And the tools refuse dates outside the range kept, and take
 * a query of hundreds of words, with tool errors and answers rather than "internal error".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpMalformedRequestsTest {
    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private final HttpClient http = HttpClient.newHttpClient();
    private String session;
    private McpSyncClient client;

    @BeforeAll
    void start() throws Exception {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        GithubHistory.send(server, acme);
        var init = post(
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        var transport = HttpClientStreamableHttpTransport.builder(server.base())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + acme.apiKey()))
                .build();
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    private HttpResponse<String> post(String sessionId, String body) throws Exception {
        return post(sessionId, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String sessionId, byte[] body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(server.base() + "/mcp"))
                .header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON-RPC error object with that code, and nothing of the server's insides. */
    private static JsonNode assertRpcError(HttpResponse<String> reply, int code) {
        assertThat(reply.body()).as("HTTP " + reply.statusCode()).isNotBlank();
        assertThat(reply.body())
                .doesNotContain(
                        "stackTrace", "Exception", "java.", "io.modelcontextprotocol", "tools.jackson", "\tat ");
        assertThat(reply.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = Json.MAPPER.readTree(reply.body());
        assertThat(json.get("jsonrpc").stringValue()).isEqualTo("2.0");
        assertThat(json.has("id")).isTrue();
        assertThat(json.get("error").get("code").asInt()).as(reply.body()).isEqualTo(code);
        assertThat(json.get("error").get("message").stringValue()).isNotBlank();
        return json;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{ | -32700",
                "not json at all | -32700",
                "null | -32600",
                "42 | -32600",
                "[] | -32600",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}] | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"tools/list\"} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"tools/list\"} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/list\"} | -32600",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"} | -32600",
                "{\"id\":1,\"method\":\"ping\"} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"x\"} | -32600",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":\"x\"} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":[1,2]} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":5}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":\"x\"}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/read\",\"params\":{\"uri\":{}}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{\"cursor\":1}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":1}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":[],\"clientInfo\":{\"name\":\"t\"}}} | -32602",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":{}}} | -32602",
            })
    void a_malformed_message_gets_a_json_rpc_error(String body, int code) throws Exception {
        var reply = post(session, body);
        var json = assertRpcError(reply, code);
        if (code == -32602 && body.contains("\"id\":7")) {
            // Invalid params of a request whose id is fine: answered under that id, so the client's wait ends.
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(json.get("id").asInt()).isEqualTo(7);
        }
    }

    @Test
    void bytes_that_are_not_utf8_are_a_parse_error() throws Exception {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'};
        assertRpcError(post(session, body), -32700);
    }

    @Test
    void an_empty_body_is_a_parse_error() throws Exception {
        assertRpcError(post(session, ""), -32700);
    }

    @Test
    void errors_the_sdk_answers_itself_carry_no_stack_trace() throws Exception {
        // A well-formed request without a session: the SDK refuses it; its own body held a stack trace.
        var reply = post(null, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
        assertThat(reply.statusCode()).isEqualTo(400);
        assertRpcError(reply, -32600);
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private static String text(CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .findFirst()
                .orElse("");
    }

    @Test
    void tools_refuse_dates_outside_the_range_with_a_tool_error_not_an_internal_error() {
        String far = "+300000-01-01T00:00:00Z";
        for (var call : java.util.List.of(
                Map.<String, Object>of("tool", "list_events", "from", far),
                Map.<String, Object>of("tool", "list_events", "to", far),
                Map.<String, Object>of("tool", "search", "query", "checkout", "from", far),
                Map.<String, Object>of("tool", "search", "query", "checkout", "to", far),
                Map.<String, Object>of("tool", "related", "entity", "github:octo/repo", "asOf", far),
                Map.<String, Object>of("tool", "timeline", "entity", "github:octo/repo", "asOf", far))) {
            var arguments = new java.util.HashMap<>(call);
            String tool = (String) arguments.remove("tool");
            var result = call(tool, arguments);
            assertThat(result.isError()).as(tool + " " + text(result)).isTrue();
            assertThat(text(result)).as(tool).contains("0001-01-01T00:00:00Z").doesNotContain("internal error");
        }
    }

    @Test
    void a_search_of_four_hundred_different_words_is_answered() {
        var q = new StringBuilder("checkout");
        for (int i = 0; q.length() < 1_990; i++) {
            q.append(' ').append(Integer.toString(i, 36));
        }
        var result = call("search", Map.of("query", q.toString()));
        assertThat(result.isError()).as(text(result)).isFalse();
        var keyword = call("search", Map.of("query", q.toString(), "mode", "keyword"));
        assertThat(keyword.isError()).as(text(keyword)).isFalse();
    }
}
