package dev.lightfast.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.server.TestServer;
import dev.lightfast.server.mcp.GithubHistory;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /openapi.json} is the API: it lists every route the server answers and nothing else, every
 * operation in it works when called as it describes (its examples, path ids that exist, its
 * credentials), and it is a valid OpenAPI 3.1 document whose schemas are valid JSON Schema 2020-12.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceTest {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant tenant;
    /** What the documented backfill reads, so that the example call reaches no address beyond loopback. */
    private dev.lightfast.emulators.github.GithubEmulator github;

    private JsonNode document;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        tenant = server.tenant("fixture");
        github = new dev.lightfast.emulators.github.GithubEmulator("github_pat_11AAAAAAA0example").start();
        github.state().repo("acme/shop");
        GithubHistory.send(server, tenant);
        var reply = server.get("/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
    }

    @AfterAll
    void stop() {
        server.close();
        github.close();
    }

    private List<String> documentedOperations() {
        var ops = new ArrayList<String>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> ops.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return ops;
    }

    @Test
    void every_route_the_server_answers_is_described_and_nothing_else_is() {
        var served = new TreeSet<String>();
        for (String route : server.lightfast().servedRoutes()) {
            if (HTTP_METHODS.contains(route.substring(0, route.indexOf(' ')))) {
                served.add(route);
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(new TreeSet<>(documentedOperations())).isEqualTo(served);
    }

    @Test
    void the_document_is_valid_openapi_3_1() throws Exception {
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream oas = getClass().getResourceAsStream("/openapi/oas-3.1-schema.json")) {
            var schema = registry.getSchema(oas);
            var errors = schema.validate(Json.MAPPER.writeValueAsString(document), InputFormat.JSON);
            assertThat(errors).as(errors.toString()).isEmpty();
            // The validator does reject a broken document: an operation without responses, a bad parameter.
            var broken = (tools.jackson.databind.node.ObjectNode) document.deepCopy();
            var search = (tools.jackson.databind.node.ObjectNode)
                    broken.get("paths").get("/v1/search").get("get");
            search.remove("responses");
            ((tools.jackson.databind.node.ObjectNode) search.get("parameters").get(0)).put("in", "body");
            assertThat(schema.validate(Json.MAPPER.writeValueAsString(broken), InputFormat.JSON))
                    .isNotEmpty();
        }
        assertThat(document.get("openapi").stringValue()).startsWith("3.1.");
    }

    @Test
    void every_schema_in_it_is_valid_json_schema_2020_12() {
        var metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        var schemas = new ArrayList<JsonNode>();
        document.get("components").get("schemas").forEach(schemas::add);
        collectSchemas(document.get("paths"), schemas);
        assertThat(schemas).hasSizeGreaterThan(20);
        for (JsonNode s : schemas) {
            var errors = metaSchema.validate(s);
            assertThat(errors).as(s + " " + errors).isEmpty();
        }
    }

    private static void collectSchemas(JsonNode node, List<JsonNode> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("schema")) {
                    into.add(e.getValue());
                } else {
                    collectSchemas(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectSchemas(n, into));
        }
    }

    /** Called as described, with the ids of things that exist, every operation succeeds: no 404. */
    @Test
    void every_operation_answers_a_call_made_as_it_describes() throws Exception {
        var failures = new ArrayList<String>();
        for (String op : documentedOperations()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            JsonNode spec = document.get("paths").get(path).get(method.toLowerCase(Locale.ROOT));
            int status = call(method, path, spec);
            boolean documented = spec.get("responses").has(String.valueOf(status));
            if (status / 100 != 2 || !documented) {
                failures.add(op + " answered " + status);
            }
        }
        assertThat(failures).isEmpty();
    }

    private int call(String method, String path, JsonNode spec) throws Exception {
        var query = new StringBuilder();
        var builder = HttpRequest.newBuilder();
        String mcpSession = null;
        for (JsonNode p : spec.path("parameters")) {
            String name = p.get("name").stringValue();
            String in = p.get("in").stringValue();
            boolean required = p.path("required").asBoolean(false);
            JsonNode example = p.get("example");
            if (in.equals("query") && example != null) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append("=")
                        .append(URLEncoder.encode(example.asString(), StandardCharsets.UTF_8));
            } else if (in.equals("query") && required) {
                throw new AssertionError(method + " " + path + ": required parameter " + name + " has no example");
            } else if (in.equals("header") && name.equals("Mcp-Session-Id") && required) {
                mcpSession = mcpSession();
                builder.header(name, mcpSession);
            } else if (in.equals("header") && example != null) {
                builder.header(name, example.asString());
            }
        }
        String concrete = path.replace("{provider}", "github")
                .replace("{connectionId}", tenant.connectionId())
                .replace(
                        "{id}",
                        path.startsWith("/v1/events")
                                ? anEventId()
                                : path.startsWith("/v1/deliveries")
                                        ? aDeliveryId()
                                        : path.startsWith("/v1/rules")
                                                ? aRuleId()
                                                : path.startsWith("/v1/subscriptions")
                                                        ? aSubscriptionId()
                                                        : path.startsWith("/v1/intents")
                                                                ? anIntentId()
                                                                : path.startsWith("/v1/connections")
                                                                        ? tenant.connectionId()
                                                                        : anEntityId());
        builder.uri(URI.create(server.base() + concrete + query));
        JsonNode example = spec.path("requestBody")
                .path("content")
                .path("application/json")
                .get("example");
        if (example != null && path.endsWith("/backfill") && example.isObject()) {
            // The documented call reads GitHub itself; here it reads the emulator on loopback.
            example = ((tools.jackson.databind.node.ObjectNode) example.deepCopy())
                    .put("apiBase", github.baseUri().toString());
        }
        byte[] body = example == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(example);
        builder.method(
                method,
                example == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (example != null) {
            builder.header("Content-Type", "application/json");
        }
        if (method.equals("POST") && path.equals("/console/session")) {
            // The documented example names no real key: sign in with the fixture tenant's.
            body = Json.MAPPER.writeValueAsBytes(Map.of("apiKey", tenant.apiKey()));
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        for (JsonNode requirement : spec.path("security")) {
            if (requirement.has("consoleSession")) {
                var session = consoleSession();
                builder.header("Cookie", session[0]).header("X-CSRF-Token", session[1]);
            }
            if (requirement.has("apiKey")) {
                builder.header("Authorization", "Bearer " + tenant.apiKey());
            } else if (requirement.has("adminToken")) {
                builder.header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
            } else if (requirement.has("webhookSignature")) {
                builder.header("X-GitHub-Event", "ping")
                        .header("X-GitHub-Delivery", "openapi-test-ping")
                        .header("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(tenant.secret(), body));
            }
        }
        // Only the status is needed; a GET on /mcp is a stream that stays open, so the body is not awaited.
        var response = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(60, TimeUnit.SECONDS);
        response.body().close();
        return response.statusCode();
    }

    private String anEventId() {
        return server.get("/v1/events?limit=1", tenant.apiKey())
                .get("events")
                .get(0)
                .get("id")
                .stringValue();
    }

    /** A rule of the tenant: the first one listed, made from the documented example when there is none. */
    private String aRuleId() {
        var rules = server.get("/v1/rules", tenant.apiKey()).get("rules");
        if (!rules.isEmpty()) {
            return rules.get(0).get("id").stringValue();
        }
        var created = server.post(
                "/v1/rules",
                tenant.apiKey(),
                document.get("paths")
                        .get("/v1/rules")
                        .get("post")
                        .get("requestBody")
                        .get("content")
                        .get("application/json")
                        .get("example"));
        return created.get("id").stringValue();
    }

    /** A fresh subscription for each call, so that one operation's DELETE leaves the next its own. */
    private String aSubscriptionId() {
        var made = server.post(
                "/v1/subscriptions",
                tenant.apiKey(),
                Map.of("url", "http://localhost:9/openapi-test", "description", "t"));
        assertThat(made.status()).isEqualTo(201);
        return made.get("id").stringValue();
    }

    /**
     * A fresh intent for each call, planned from the documented example; its connection acts on a
     * closed local port, so executing it reaches no tool.
     */
    private String anIntentId() {
        var set = server.put(
                "/v1/connections/" + tenant.connectionId() + "/credentials",
                tenant.apiKey(),
                Map.of("token", "ghp_example", "apiBase", "http://127.0.0.1:9"));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        var made = server.post(
                "/v1/intents",
                tenant.apiKey(),
                document.get("paths")
                        .get("/v1/intents")
                        .get("post")
                        .get("requestBody")
                        .get("content")
                        .get("application/json")
                        .get("example"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.get("intent").get("id").stringValue();
    }

    private String aDeliveryId() {
        return server.get("/v1/events?limit=1", tenant.apiKey())
                .get("events")
                .get(0)
                .get("rawRef")
                .stringValue();
    }

    private String anEntityId() {
        return server.get(
                        "/v1/entities?kind=pull_request&key="
                                + URLEncoder.encode(GithubHistory.PR_KEY, StandardCharsets.UTF_8),
                        tenant.apiKey())
                .get("entities")
                .get(0)
                .get("id")
                .stringValue();
    }

    /** A fresh console session: its cookie as a browser sends it back, and its CSRF token. */
    private String[] consoleSession() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/console/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                Json.MAPPER.writeValueAsBytes(Map.of("apiKey", tenant.apiKey()))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new String[] {
            cookie.substring(0, cookie.indexOf(';')),
            Json.MAPPER.readTree(response.body()).get("csrfToken").stringValue()
        };
    }

    private String mcpSession() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/mcp"))
                        .header("Authorization", "Bearer " + tenant.apiKey())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @Test
    void connections_and_entity_matches_page_with_a_cursor() {
        for (int i = 0; i < 4; i++) {
            assertThat(server.post("/v1/connections", tenant.apiKey(), Map.of("provider", "github"))
                            .status())
                    .isEqualTo(201);
        }
        var seen = new ArrayList<String>();
        String after = null;
        boolean more = true;
        while (more) {
            var page =
                    server.get("/v1/connections?limit=2" + (after == null ? "" : "&after=" + after), tenant.apiKey());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.get("connections").size()).isLessThanOrEqualTo(2);
            page.get("connections").forEach(c -> seen.add(c.get("id").stringValue()));
            after = page.get("nextAfter").stringValue();
            more = page.get("hasMore").asBoolean();
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates().isSorted();

        // Matches are ranked by recency and paged by position in that ranking: the graph must hold still
        // while it is read. Events other tests appended (the identity example names github:octocat) may
        // still be on their way into the graph, and one arriving between the reads below would head the
        // ranking on one read and not on the other.
        server.awaitProjected(tenant);
        var all = server.get("/v1/entities?q=o&limit=100", tenant.apiKey()).get("entities");
        var paged = new ArrayList<String>();
        String cursor = null;
        do {
            var page = server.get(
                    "/v1/entities?q=o&limit=3" + (cursor == null ? "" : "&cursor=" + cursor), tenant.apiKey());
            page.get("entities").forEach(e -> paged.add(e.get("id").stringValue()));
            cursor = page.json().has("nextCursor") ? page.get("nextCursor").stringValue() : null;
        } while (cursor != null);
        var expected = new ArrayList<String>();
        all.forEach(e -> expected.add(e.get("id").stringValue()));
        assertThat(all.size()).isGreaterThan(3);
        assertThat(paged).isEqualTo(expected);
        var bad = server.get("/v1/entities?q=o&cursor=nonsense", tenant.apiKey());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("error").get("message").stringValue()).contains("cursor");
    }
}
