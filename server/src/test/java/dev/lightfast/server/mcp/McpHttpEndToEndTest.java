package dev.lightfast.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server over streamable HTTP at /mcp, driven by the SDK's own Java client against a real
 * server holding a known GitHub history for two tenants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpEndToEndTest {
    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private TestServer.TestTenant globex;
    private McpSyncClient client;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        globex = server.tenant("globex");
        GithubHistory.send(server, acme);
        GithubHistory.send(server, globex);
        client = client(acme.apiKey());
    }

    @AfterAll
    void stop() {
        client.close();
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

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
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

    private static List<String> links(CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.ResourceLink)
                .map(c -> ((McpSchema.ResourceLink) c).uri())
                .toList();
    }

    /** Every citation is a resource link in the content, and resources/read serves the cited event. */
    private void assertCitationsResolve(CallToolResult result) {
        var citations = structured(result).get("citations");
        assertThat(citations).isNotEmpty();
        var uris = new ArrayList<String>();
        for (JsonNode c : citations) {
            String eventId = c.get("eventId").stringValue();
            String uri = c.get("uri").stringValue();
            assertThat(uri).isEqualTo("lightfast://events/" + eventId);
            uris.add(uri);
            var read = client.readResource(new McpSchema.ReadResourceRequest(uri));
            var contents = (McpSchema.TextResourceContents) read.contents().getFirst();
            assertThat(contents.mimeType()).isEqualTo("application/json");
            assertThat(Json.MAPPER.readTree(contents.text()).get("id").stringValue())
                    .isEqualTo(eventId);
        }
        assertThat(links(result)).containsExactlyElementsOf(uris);
    }

    @Test
    void lists_the_tools_each_described_with_input_and_output_schemas_and_read_only() {
        var tools = client.listTools().tools();
        assertThat(tools)
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
        for (var tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(150);
            assertThat(tool.inputSchema()).containsEntry("type", "object").containsKey("properties");
            assertThat(tool.outputSchema()).containsEntry("type", "object");
            assertThat(tool.outputSchema().get("required"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .contains("citations");
            // Only the tools that act are not read-only; executing one changes the team's tools.
            assertThat(tool.annotations().readOnlyHint())
                    .as(tool.name())
                    .isEqualTo(!List.of("propose_intent", "execute_intent").contains(tool.name()));
        }
        assertThat(client.listResourceTemplates().resourceTemplates())
                .extracting(McpSchema.ResourceTemplate::uriTemplate)
                .containsExactlyInAnyOrder("lightfast://events/{id}", "lightfast://entities/{id}");
    }

    @Test
    void search_returns_ranked_hits_citing_events_the_client_can_read() {
        var result = call("search", Map.of("query", "spelling error in the README", "limit", 5));
        var hits = structured(result).get("hits");
        assertThat(hits).isNotEmpty();
        for (JsonNode hit : hits) {
            assertThat(hit.get("uri").stringValue())
                    .isEqualTo("lightfast://events/" + hit.get("eventId").stringValue());
            // Who acted and what it is about, named as answers name them, without a second call.
            assertThat(hit.get("about")).hasSize(hit.get("subjects").size());
            for (JsonNode about : hit.get("about")) {
                assertThat(about.get("id").stringValue()).startsWith("ent_");
                assertThat(about.get("kind").stringValue()).isNotBlank();
                assertThat(about.get("label").stringValue()).isNotBlank();
            }
            assertThat(hit.get("actor").get("kind").stringValue()).isEqualTo("person");
        }
        assertThat(text(result)).contains("hit").contains("lightfast://events/");
        assertCitationsResolve(result);
    }

    @Test
    void get_event_list_events_and_the_raw_delivery_agree_with_the_log() {
        var listed = call("list_events", Map.of("limit", 2));
        var page = structured(listed);
        assertThat(page.get("events")).hasSize(2);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        var rest = call("list_events", Map.of("after", page.get("nextAfter").asLong(), "limit", 200));
        assertThat(structured(rest).get("events")).hasSize(3);
        assertCitationsResolve(listed);

        String id = page.get("events").get(0).get("id").stringValue();
        var event = call("get_event", Map.of("id", id, "includeRaw", true));
        var body = structured(event);
        assertThat(body.get("event").get("id").stringValue()).isEqualTo(id);
        assertThat(body.get("event").get("type").stringValue()).isEqualTo("github.issue.opened");
        assertThat(body.get("raw").get("payload").get("issue").get("number").asInt())
                .isEqualTo(1);
        assertThat(links(event)).containsExactly("lightfast://events/" + id);
    }

    @Test
    void timeline_by_natural_key_and_related_walk_the_graph_with_cited_relations() {
        var timeline = call("timeline", Map.of("entity", GithubHistory.PR_KEY));
        var t = structured(timeline);
        assertThat(t.get("entity").get("kind").stringValue()).isEqualTo("pull_request");
        var types = new ArrayList<String>();
        t.get("events").forEach(e -> types.add(e.get("type").stringValue()));
        assertThat(types).contains("github.pull_request.opened", "github.pull_request.merged");
        assertCitationsResolve(timeline);

        String entityId = t.get("entity").get("id").stringValue();
        var related = call("related", Map.of("entity", entityId, "types", List.of("fixes", "merged")));
        var r = structured(related);
        assertThat(r.get("relations")).hasSize(2);
        r.get("relations")
                .forEach(rel -> assertThat(rel.get("relation").get("citations")).isNotEmpty());
        assertCitationsResolve(related);

        var entity = client.readResource(new McpSchema.ReadResourceRequest("lightfast://entities/" + entityId));
        var json = Json.MAPPER.readTree(
                ((McpSchema.TextResourceContents) entity.contents().getFirst()).text());
        assertThat(json.get("key").stringValue()).isEqualTo(GithubHistory.PR_KEY);
    }

    @Test
    void answer_cites_the_review_first_for_who_reviewed_the_pr_that_fixed_the_issue() {
        var result = call("answer", Map.of("question", "Who reviewed the PR that fixed #1?"));
        var answer = structured(result);
        var first = answer.get("evidence").get(0);
        assertThat(first.get("type").stringValue()).isEqualTo("github.pull_request_review.submitted");
        assertThat(first.get("uri").stringValue())
                .isEqualTo("lightfast://events/" + first.get("eventId").stringValue());
        assertThat(answer.get("summary").get(0).get("text").stringValue()).contains("reviewed by");
        assertThat(text(result))
                .contains("reviewed by")
                .contains("lightfast://events/" + first.get("eventId").stringValue());
        assertCitationsResolve(result);
    }

    @Test
    void bad_input_is_a_tool_error_that_says_what_is_wrong_and_the_session_goes_on() {
        String globexEvent = Json.MAPPER
                .valueToTree(client(globex.apiKey())
                        .callTool(new CallToolRequest("list_events", Map.of("limit", 1)))
                        .structuredContent())
                .get("events")
                .get(0)
                .get("id")
                .stringValue();
        Map<String, Map.Entry<Map<String, Object>, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("search", Map.entry(Map.of(), "'query' is required"));
        cases.put("answer", Map.entry(Map.of("question", 42), "'question' must be a string; got 42"));
        cases.put("list_events", Map.entry(Map.of("limit", "ten"), "'limit' must be a whole number from 1 to 200"));
        cases.put("get_event", Map.entry(Map.of("id", "01NOSUCHEVENT"), "no event '01NOSUCHEVENT' in this tenant"));
        cases.put("timeline", Map.entry(Map.of("entity", "ent_nope"), "no entity 'ent_nope'"));
        cases.put(
                "related",
                Map.entry(
                        Map.of("entity", GithubHistory.PR_KEY, "depth", 9),
                        "'depth' must be from 1 to " + dev.lightfast.core.graph.Neighbourhood.MAX_DEPTH));
        for (var c : cases.entrySet()) {
            var result = call(c.getKey(), c.getValue().getKey());
            assertThat(result.isError()).as(c.getKey()).isTrue();
            assertThat(text(result)).as(c.getKey()).contains(c.getValue().getValue());
        }
        var typo = call("search", Map.of("q", "readme"));
        assertThat(typo.isError()).isTrue();
        assertThat(text(typo)).contains("does not take 'q'").contains("'query'");

        // Another tenant's event: the same answer as an id that does not exist.
        var foreign = call("get_event", Map.of("id", globexEvent));
        assertThat(foreign.isError()).isTrue();
        assertThat(text(foreign)).contains("no event '" + globexEvent + "' in this tenant");
        assertThatThrownBy(() ->
                        client.readResource(new McpSchema.ReadResourceRequest("lightfast://events/" + globexEvent)))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("no resource");

        // The session is still usable.
        assertThat(structured(call("search", Map.of("query", "readme"))).get("hits"))
                .isNotEmpty();
    }

    // ---- the HTTP gate: keys, origins, sessions ---------------------------------------------

    private static final String INITIALIZE = """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
       "capabilities":{},"clientInfo":{"name":"raw-http","version":"1"}}}""";

    private TestServer.Reply post(String bearer, String origin, String session, String body) {
        var b = HttpRequest.newBuilder(URI.create(server.base() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return server.send(b.build());
    }

    @Test
    void without_a_valid_api_key_mcp_answers_401_in_the_api_error_shape() {
        for (String bearer : new String[] {null, "lf_nope_nope", "not-a-key"}) {
            var reply = post(bearer, null, null, INITIALIZE);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.get("error").get("code").stringValue()).isEqualTo("unauthorized");
            assertThat(reply.get("error").get("message").stringValue()).isNotBlank();
        }
    }

    @Test
    void a_browser_origin_from_another_site_is_refused_and_localhost_is_allowed() {
        var evil = post(acme.apiKey(), "http://evil.example", null, INITIALIZE);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.get("error").get("code").stringValue()).isEqualTo("forbidden_origin");
        assertThat(post(acme.apiKey(), "null", null, INITIALIZE).status()).isEqualTo(403);
        assertThat(post(acme.apiKey(), "http://localhost.evil.example", null, INITIALIZE)
                        .status())
                .isEqualTo(403);
        assertThat(post(acme.apiKey(), "http://localhost:6274", null, INITIALIZE)
                        .status())
                .isEqualTo(200);
        assertThat(post(acme.apiKey(), "http://127.0.0.1:3000", null, INITIALIZE)
                        .status())
                .isEqualTo(200);
        assertThat(post(acme.apiKey(), null, null, INITIALIZE).status()).isEqualTo(200);
    }

    @Test
    void a_session_started_by_one_tenant_cannot_be_used_with_another_tenants_key() {
        var started = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/mcp"))
                .header("Authorization", "Bearer " + acme.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build());
        assertThat(started.status()).isEqualTo(200);
        String session = sessionOf(acme.apiKey());
        String list = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
        assertThat(post(acme.apiKey(), null, session, list).status()).isEqualTo(200);
        var hijack = post(globex.apiKey(), null, session, list);
        assertThat(hijack.status()).isEqualTo(404);
        assertThat(hijack.get("error").get("code").stringValue()).isEqualTo("unknown_session");
    }

    /** Starts a session over raw HTTP and returns the id the server gave it. */
    private String sessionOf(String apiKey) {
        try {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.base() + "/mcp"))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json, text/event-stream")
                                    .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules' two tools: what the rules found, and what an entity or a proposed action breaks. */
    @Test
    void violations_and_check_rules_answer_from_the_tenants_rules_with_citations() {
        var team = server.tenant("ruled");
        var created = server.post(
                "/v1/rules",
                team.apiKey(),
                Map.of(
                        "name",
                        "pull requests are reviewed by hand",
                        "on",
                        Map.of("type", "github.pull_request.*", "if", "event.attributes.number == 2")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        GithubHistory.send(server, team);
        server.awaitProjected(team);
        var ruled = client(team.apiKey());
        try {
            var listed = ruled.callTool(new CallToolRequest("violations", Map.of("limit", 2)));
            var found = structured(listed);
            assertThat(found.get("violations")).isNotEmpty();
            assertThat(found.get("violations").get(0).get("rule").get("name").stringValue())
                    .isEqualTo("pull requests are reviewed by hand");
            assertThat(found.get("citations")).isNotEmpty();
            assertThat(links(listed)).isNotEmpty();

            var aboutPr = structured(ruled.callTool(new CallToolRequest(
                    "check_rules", Map.of("entity", GithubHistory.PR_KEY, "kind", "pull_request"))));
            assertThat(aboutPr.get("violations")).isNotEmpty();

            var action = structured(ruled.callTool(new CallToolRequest(
                    "check_rules",
                    Map.of(
                            "action",
                            Map.of("type", "github.pull_request.merged", "attributes", Map.of("number", 2))))));
            assertThat(action.get("findings"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.get("verdict").stringValue()).isEqualTo("breaks"));

            var bad = ruled.callTool(new CallToolRequest("check_rules", Map.of()));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("entity");
        } finally {
            ruled.close();
        }
        // Another tenant's tools see none of it.
        assertThat(structured(call("violations", Map.of())).get("violations")).isEmpty();
    }
}
