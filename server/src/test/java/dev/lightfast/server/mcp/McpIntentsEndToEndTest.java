package dev.lightfast.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.github.GithubEmulator;
import dev.lightfast.server.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * propose_intent, execute_intent and intent_status over streamable HTTP with the SDK's own client,
 * acting on the GitHub emulator: the plan cites its reasons as resource links, the call is made
 * once, and the API key's scopes hold over MCP as over REST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpIntentsEndToEndTest {
    private static final String TOKEN = "ghs_emulated_token_for_mcp_0123";
    private static final String REPO = "Codertocat/Hello-World";

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private GithubEmulator github;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        GithubHistory.send(server, acme);
        github = new GithubEmulator(TOKEN).start();
        github.state().seedIssue(REPO, false, "Spelling error in the README file", "Codertocat");
        github.state().seedPullRequest(REPO, 2, "Update the README with new information.", "Codertocat");
        var set = server.put(
                "/v1/connections/" + acme.connectionId() + "/credentials",
                acme.apiKey(),
                Map.of("token", TOKEN, "apiBase", github.baseUri().toString()));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        github.close();
        server.close();
    }

    private McpSyncClient client(String apiKey) {
        var transport = HttpClientStreamableHttpTransport.builder(server.base())
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + apiKey))
                .build();
        var c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    private static JsonNode structured(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private static String text(CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .findFirst()
                .orElse("");
    }

    private String key(List<String> scopes) {
        var issued = server.post("/v1/keys", acme.apiKey(), Map.of("scopes", scopes));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        return issued.get("apiKey").stringValue();
    }

    @Test
    void an_agent_proposes_executes_and_follows_an_intent_whose_call_is_made_once() throws Exception {
        try (var client = client(acme.apiKey())) {
            var proposed = client.callTool(new CallToolRequest(
                    "propose_intent",
                    Map.of("intent", "comment", "args", Map.of("on", "the PR that fixed #1", "text", "Thanks, MCP!"))));
            JsonNode intent = structured(proposed).get("intent");
            assertThat(intent.path("state").asString()).isEqualTo("PLANNED");
            JsonNode call = intent.path("plan").path("calls").get(0).path("call");
            assertThat(call.path("operation").asString()).isEqualTo("GITHUB_COMMENT");
            assertThat(call.path("arguments").path("number").asInt()).isEqualTo(2);
            // The reasons are cited, each citation also a resource link the client can read.
            assertThat(text(proposed)).contains("Because:").contains("pull request");
            JsonNode citations = structured(proposed).get("citations");
            assertThat(citations).isNotEmpty();
            assertThat(proposed.content())
                    .filteredOn(c -> c instanceof McpSchema.ResourceLink)
                    .hasSize(citations.size());
            assertThat(github.calls().all()).isEmpty();

            String id = intent.path("id").asString();
            var executed = client.callTool(new CallToolRequest("execute_intent", Map.of("id", id)));
            assertThat(structured(executed).path("intent").path("state").asString())
                    .isIn("EXECUTING", "SUCCEEDED");
            JsonNode status = null;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until) {
                status = structured(client.callTool(new CallToolRequest("intent_status", Map.of("id", id))));
                if (status.path("intent").path("state").asString().equals("SUCCEEDED")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(status.path("intent").path("state").asString())
                    .as(String.valueOf(status))
                    .isEqualTo("SUCCEEDED");
            assertThat(status.path("attempts").get(0).path("outcome").asString())
                    .isEqualTo("succeeded");
            assertThat(github.calls().applied(call.path("idempotencyKey").asString()))
                    .isEqualTo(1);
            assertThat(github.state().issue(REPO, 2).orElseThrow().comments())
                    .extracting(c -> c.body())
                    .anySatisfy(b -> assertThat(b).contains("Thanks, MCP!"));
        }
    }

    @Test
    void the_keys_scopes_hold_over_mcp_and_another_tenant_sees_nothing() {
        String proposer = key(List.of("read", "propose"));
        String id;
        try (var client = client(proposer)) {
            var refused = client.callTool(new CallToolRequest(
                    "propose_intent",
                    Map.of("intent", "comment", "args", Map.of("on", "#1", "text", "x"), "execute", true)));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("execute");
            var planned = client.callTool(new CallToolRequest(
                    "propose_intent", Map.of("intent", "comment", "args", Map.of("on", "#1", "text", "x"))));
            id = structured(planned).path("intent").path("id").asString();
            var notRun = client.callTool(new CallToolRequest("execute_intent", Map.of("id", id)));
            assertThat(notRun.isError()).isTrue();
            assertThat(text(notRun)).contains("scope").contains("execute");
        }
        try (var reader = client(key(List.of("read")))) {
            var refused = reader.callTool(new CallToolRequest(
                    "propose_intent", Map.of("intent", "comment", "args", Map.of("on", "#1", "text", "x"))));
            assertThat(refused.isError()).isTrue();
            assertThat(text(refused)).contains("propose");
            // Reading is its scope.
            assertThat(structured(reader.callTool(new CallToolRequest("intent_status", Map.of("id", id))))
                            .path("intent")
                            .path("id")
                            .asString())
                    .isEqualTo(id);
        }
        var globex = server.tenant("globex");
        try (var other = client(globex.apiKey())) {
            var hidden = other.callTool(new CallToolRequest("intent_status", Map.of("id", id)));
            assertThat(hidden.isError()).isTrue();
            assertThat(text(hidden)).contains("no intent");
        }
        var unknown = client(acme.apiKey());
        try (unknown) {
            var bad = unknown.callTool(
                    new CallToolRequest("propose_intent", Map.of("intent", "dance", "args", Map.of())));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("notify");
        }
    }
}
