package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The REST API, admin and operations routes over real HTTP. */
class ApiEndToEndTest {
    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertError(TestServer.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.json()).as("JSON error body: " + reply.text()).isNotNull();
        assertThat(reply.get("error").get("code").stringValue()).isEqualTo(code);
        assertThat(reply.get("error").get("message").stringValue()).isNotBlank();
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void healthz() {
        var reply = server.get("/healthz", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("status").stringValue()).isEqualTo("ok");
    }

    @Test
    void creatingATenantNeedsTheAdminToken() {
        assertError(server.post("/v1/admin/tenants", null, Map.of("id", "acme")), 401, "unauthorized");
        assertError(
                server.post("/v1/admin/tenants", "wrong-token-wrong-token", Map.of("id", "acme")), 401, "unauthorized");
        var created = server.post("/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "acme", "name", "Acme"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.get("tenant").get("id").stringValue()).isEqualTo("acme");
        assertThat(created.get("apiKey").stringValue()).startsWith("lf_");
        assertError(server.post("/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "acme")), 409, "conflict");
        assertError(
                server.post("/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "no spaces")),
                400,
                "bad_request");
        var generated = server.postBytes("/v1/admin/tenants", TestServer.ADMIN_TOKEN, new byte[0], Map.of());
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.get("tenant").get("id").stringValue()).startsWith("t_");
    }

    @Test
    void theApiKeyIsStoredOnlyAsAHash() throws Exception {
        var created = server.post("/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "acme"));
        String key = created.get("apiKey").stringValue();
        String secretPart = key.substring(key.length() - 43);
        server.close();
        byte[] db = java.nio.file.Files.readAllBytes(dir.resolve("lightfast.db"));
        byte[] wal = java.nio.file.Files.exists(dir.resolve("lightfast.db-wal"))
                ? java.nio.file.Files.readAllBytes(dir.resolve("lightfast.db-wal"))
                : new byte[0];
        String everything = new String(db, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1);
        assertThat(everything).doesNotContain(secretPart);
        server = new TestServer(dir);
        assertThat(server.get("/v1/events", key).status()).isEqualTo(200);
    }

    @Test
    void v1CallsNeedAValidKey() {
        assertError(server.get("/v1/events", null), 401, "unauthorized");
        assertError(server.get("/v1/events", "not-a-key"), 401, "unauthorized");
        assertError(server.get("/v1/events", "lf_0123456789abcdef_" + "A".repeat(43)), 401, "unauthorized");
        var t = server.tenant("acme");
        String tampered =
                t.apiKey().substring(0, t.apiKey().length() - 1) + (t.apiKey().endsWith("A") ? "B" : "A");
        assertError(server.get("/v1/events", tampered), 401, "unauthorized");
    }

    @Test
    void connectingATool() {
        var t = server.tenant("acme");
        assertThat(t.webhookUrl()).isEqualTo(server.base() + "/webhooks/github/" + t.connectionId());
        assertError(
                server.post("/v1/connections", t.apiKey(), Map.of("provider", "gitlab", "secret", "s")),
                400,
                "bad_request");
        assertError(
                server.postBytes("/v1/connections", t.apiKey(), "{".getBytes(StandardCharsets.UTF_8), Map.of()),
                400,
                "bad_request");
        var generated = server.post("/v1/connections", t.apiKey(), Map.of("provider", "github"));
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.get("secret").stringValue()).hasSizeGreaterThan(20);
        var list = server.get("/v1/connections", t.apiKey());
        assertThat(list.get("connections")).hasSize(2);
        assertThat(list.text()).doesNotContain(t.secret());
        var other = server.tenant("globex");
        assertThat(server.get("/v1/connections", other.apiKey()).get("connections"))
                .hasSize(1);
    }

    @Test
    void eventsFromAgentsAreStoredOncePerIdempotencyKey() {
        var t = server.tenant("acme");
        var event = new LinkedHashMap<String, Object>();
        event.put("source", "agent-lee");
        event.put("type", "agent.note.added");
        event.put("title", "Rolled back the payments deploy");
        event.put("body", "p99 latency doubled after 1.4.2");
        event.put("subjects", List.of(Map.of("kind", "service", "key", "service:payments", "label", "payments")));
        event.put("attributes", Map.of("version", "1.4.2"));
        event.put("idempotencyKey", "note-1");
        var first = server.post("/v1/events", t.apiKey(), event);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        var stored = first.get("events").get(0);
        assertThat(stored.get("seq").asLong()).isEqualTo(1);
        assertThat(stored.get("source").stringValue()).isEqualTo("agent-lee");
        var again = server.post("/v1/events", t.apiKey(), event);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("events").get(0).get("id")).isEqualTo(stored.get("id"));

        var read = server.get("/v1/events/" + stored.get("id").stringValue(), t.apiKey());
        assertThat(read.get("raw").get("payload").get("title").stringValue())
                .isEqualTo("Rolled back the payments deploy");
        assertThat(server.get("/v1/events", t.apiKey()).get("events")).hasSize(1);
    }

    @Test
    void badEventsAreRefusedWithAReason() {
        var t = server.tenant("acme");
        assertError(server.post("/v1/events", t.apiKey(), Map.of("source", "api", "type", "x.y")), 400, "bad_request");
        assertError(
                server.post("/v1/events", t.apiKey(), Map.of("source", "api", "type", "Bad Type", "title", "t")),
                400,
                "bad_request");
        assertError(
                server.post("/v1/events", t.apiKey(), Map.of("source", "github", "type", "github.push", "title", "t")),
                400,
                "bad_request");
        assertError(
                server.post(
                        "/v1/events",
                        t.apiKey(),
                        Map.of("source", "api", "type", "a.b", "title", "t", "occurredAt", "last tuesday")),
                400,
                "bad_request");
        assertError(
                server.postBytes("/v1/events", t.apiKey(), "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of()),
                400,
                "bad_request");
        assertError(server.postBytes("/v1/events", t.apiKey(), new byte[0], Map.of()), 400, "bad_request");
        byte[] big = ("{\"source\":\"api\",\"type\":\"a.b\",\"title\":\"" + "x".repeat(2 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertError(server.postBytes("/v1/events", t.apiKey(), big, Map.of()), 413, "payload_too_large");
        assertThat(server.get("/v1/events", t.apiKey()).get("events")).isEmpty();
        assertError(server.get("/v1/events/01NOPE", t.apiKey()), 404, "not_found");
    }

    @Test
    void unknownRoutesAnswerJson() {
        assertError(server.get("/v2/nothing", null), 404, "not_found");
    }

    @Test
    void metricsCountRequestsAndDeliveries() {
        var t = server.tenant("acme");
        server.github(
                t,
                "issues",
                "m1",
                GithubWebhookEndToEndTest.fixture("issues", "opened").body());
        server.github(
                t,
                "issues",
                "m1",
                GithubWebhookEndToEndTest.fixture("issues", "opened").body());
        var metrics = server.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .contains("http_server_requests_seconds_bucket")
                .contains("route=\"/webhooks/{provider}/{connectionId}\"")
                .contains("lightfast_ingest_deliveries_total{outcome=\"stored\",provider=\"github\"} 1.0")
                .contains("lightfast_ingest_deliveries_total{outcome=\"duplicate\",provider=\"github\"} 1.0")
                .contains("lightfast_ingest_events_total")
                .contains("lightfast_ingest_duration_seconds_bucket");
    }

    @Test
    void openApiDescribesEveryRoute() {
        var doc = server.get("/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.get("openapi").stringValue()).isEqualTo("3.1.0");
        var described = new ArrayList<String>();
        doc.get("paths")
                .properties()
                .forEach(p -> p.getValue()
                        .properties()
                        .forEach(op -> described.add(op.getKey().toUpperCase() + " " + p.getKey())));
        assertThat(described)
                .containsExactlyInAnyOrder(
                        "GET /healthz",
                        "GET /metrics",
                        "GET /openapi.json",
                        "POST /v1/admin/tenants",
                        "POST /v1/connections",
                        "GET /v1/connections",
                        "GET /v1/events",
                        "GET /v1/events/stream",
                        "GET /v1/events/{id}",
                        "POST /console/session",
                        "GET /console/session",
                        "DELETE /console/session",
                        "POST /v1/events",
                        "GET /v1/deliveries/{id}/body",
                        "POST /webhooks/{provider}/{connectionId}",
                        "GET /v1/search",
                        "GET /v1/entities",
                        "GET /v1/entities/{id}",
                        "GET /v1/entities/{id}/related",
                        "GET /v1/entities/{id}/timeline",
                        "POST /v1/answer",
                        "POST /v1/identities",
                        "GET /v1/projections",
                        "GET /v1/coverage",
                        "POST /v1/connections/{id}/backfill",
                        "GET /v1/connections/{id}/backfill",
                        "DELETE /v1/connections/{id}/backfill",
                        "POST /v1/rules",
                        "GET /v1/rules",
                        "POST /v1/rules/dry-run",
                        "POST /v1/rules/check",
                        "GET /v1/rules/{id}",
                        "PUT /v1/rules/{id}",
                        "DELETE /v1/rules/{id}",
                        "GET /v1/violations",
                        "POST /v1/claims",
                        "GET /v1/truth/{id}",
                        "GET /v1/conflicts",
                        "GET /v1/why/{id}",
                        "GET /v1/patterns",
                        "GET /v1/risk/{id}",
                        "POST /mcp",
                        "GET /mcp",
                        "DELETE /mcp",
                        "POST /v1/subscriptions",
                        "GET /v1/subscriptions",
                        "GET /v1/subscriptions/{id}",
                        "PUT /v1/subscriptions/{id}",
                        "DELETE /v1/subscriptions/{id}",
                        "GET /v1/subscriptions/{id}/attempts",
                        "GET /v1/subscriptions/{id}/messages",
                        "POST /v1/subscriptions/{id}/replay",
                        "POST /v1/subscriptions/{id}/rotate-secret",
                        "POST /v1/subscriptions/{id}/test",
                        "POST /v1/intents",
                        "GET /v1/intents",
                        "GET /v1/intents/{id}",
                        "POST /v1/intents/{id}/approve",
                        "POST /v1/intents/{id}/execute",
                        "GET /v1/audit",
                        "GET /v1/intent-policy",
                        "PUT /v1/intent-policy",
                        "PUT /v1/connections/{id}/credentials",
                        "POST /v1/keys");
        // Every $ref points at a schema that exists.
        var schemas = doc.get("components").get("schemas");
        assertRefsResolve(doc.json(), schemas);
    }

    private static void assertRefsResolve(JsonNode node, JsonNode schemas) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                String name = node.get("$ref").stringValue().replace("#/components/schemas/", "");
                assertThat(schemas.has(name)).as("schema " + name).isTrue();
            }
            node.properties().forEach(p -> assertRefsResolve(p.getValue(), schemas));
        } else if (node.isArray()) {
            node.forEach(n -> assertRefsResolve(n, schemas));
        }
    }
}
