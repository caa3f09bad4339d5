package dev.lightfast.server;

import static dev.lightfast.server.ConnectedTool.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defects found by trying the running server as an attacker would, each kept fixed here over
 * real HTTP: bodies nobody may send unbounded, replays, dates outside the range kept, long queries,
 * malformed requests Jetty answers itself, and the headers every answer carries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardeningEndToEndTest {
    private static final int MAX_DELIVERY = 25 * 1024 * 1024;
    private static final String FAR_FUTURE = "+300000-01-01T00:00:00Z";

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private String sentryId;
    private String linearId;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        sentryId = connect("sentry", "sentry-secret");
        linearId = connect("linear", "linear-secret");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String connect(String provider, String secret) {
        var created = server.post("/v1/connections", acme.apiKey(), Map.of("provider", provider, "secret", secret));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").stringValue();
    }

    private long lastSeq() {
        return server.get("/v1/projections", acme.apiKey()).get("lastSeq").asLong();
    }

    private static String head(String method, String path, Map<String, String> headers) {
        var h = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        return h.append("\r\n").toString();
    }

    private RawHttp raw() {
        return new RawHttp(server.lightfast().port());
    }

    private static void assertJsonError(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/json");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        var error = Json.MAPPER.readTree(reply.body()).get("error");
        assertThat(error.get("code").isString()).isTrue();
        assertThat(error.get("message").stringValue()).isNotBlank().doesNotContain("Exception", "org.eclipse");
    }

    // ---- 1. bodies before checks, and the memory they hold -----------------------------------------

    @Test
    void a_webhook_for_no_connection_or_without_a_signature_is_refused_before_its_body_is_read() {
        // 25 MB announced, not one byte sent: the answer comes all the same, so the body was never awaited.
        var large = Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(MAX_DELIVERY));
        for (String path : List.of("/webhooks/nosuchprovider/x", "/webhooks/github/con_nosuch")) {
            try (var http = raw()) {
                var reply = http.send(head("POST", path, large)).read(Duration.ofSeconds(10));
                assertJsonError(reply, 404);
                assertThat(reply.body()).contains("unknown_connection");
            }
        }
        try (var http = raw()) {
            var reply = http.send(head("POST", "/webhooks/github/" + acme.connectionId(), large))
                    .read(Duration.ofSeconds(10));
            assertJsonError(reply, 401);
            assertThat(reply.body()).contains("X-Hub-Signature-256");
        }
    }

    @Test
    void bodies_in_memory_share_one_budget_and_a_request_past_it_gets_503_with_retry_after() throws Exception {
        var signed = Map.of(
                "Content-Type", "application/json",
                "Content-Length", String.valueOf(MAX_DELIVERY),
                "X-GitHub-Event", "issues",
                "X-GitHub-Delivery", "slow",
                "X-Hub-Signature-256", "sha256=" + "0".repeat(64));
        String path = "/webhooks/github/" + acme.connectionId();
        // Two of the largest bodies hold the whole budget while they trickle in...
        var slow = List.of(raw(), raw());
        try {
            for (var http : slow) {
                http.send(head("POST", path, signed)).send("{\"a\":");
            }
            // Once both have reserved their bytes (the server says so in /metrics)...
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (heldBodyBytes() < 2L * MAX_DELIVERY && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(heldBodyBytes()).isEqualTo(2L * MAX_DELIVERY);
            // ...so a third waits a moment, then is told when to come back.
            try (var third = raw()) {
                var reply = third.send(head("POST", path, signed)).read(Duration.ofSeconds(20));
                assertJsonError(reply, 503);
                assertThat(reply.header("Retry-After")).isEqualTo("2");
            }
        } finally {
            slow.forEach(RawHttp::close);
        }
        // Once they are gone, their bytes are free again.
        var issue = GithubFixtures.get("issues/15-opened.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        TestServer.Reply reply;
        do {
            reply = server.github(acme, "issues", "after-the-budget-" + System.nanoTime(), issue.body());
        } while (reply.status() == 503 && System.nanoTime() < deadline);
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
    }

    private long heldBodyBytes() {
        for (String line : server.get("/metrics", null).text().split("\n")) {
            if (line.startsWith("lightfast_webhook_body_bytes ")) {
                return (long)
                        Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        throw new IllegalStateException("no lightfast_webhook_body_bytes in /metrics");
    }

    @Test
    void metrics_label_only_known_providers() {
        var invented = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            String provider = "invented" + i + "x" + Long.toString(System.nanoTime(), 36);
            invented.add(provider);
            assertThat(server.postBytes("/webhooks/" + provider + "/x", null, new byte[] {'{', '}'}, Map.of())
                            .status())
                    .isEqualTo(404);
        }
        String metrics = server.get("/metrics", null).text();
        assertThat(metrics).contains("provider=\"unknown\"");
        for (String provider : invented) {
            assertThat(metrics).doesNotContain(provider);
        }
    }

    // ---- 4. replays ------------------------------------------------------------------------------------

    @Test
    void github_the_same_signed_body_under_a_new_delivery_id_is_stored_once() {
        ObjectNode body = (ObjectNode)
                Json.MAPPER.readTree(GithubFixtures.get("issues/15-opened.json").body());
        ((ObjectNode) body.get("issue")).put("title", "replayed github " + System.nanoTime());
        // A new issue, too: the event is keyed by the issue and its opening, not by the delivery.
        ((ObjectNode) body.get("issue")).put("number", 90_000 + System.nanoTime() % 10_000);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        var first = server.github(acme, "issues", "gh-original", bytes);
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        long seq = lastSeq();

        var replay = server.github(acme, "issues", "gh-new-guid-from-the-attacker", bytes);
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.get("duplicate").asBoolean()).isTrue();
        assertThat(replay.get("deliveryId").stringValue())
                .isEqualTo(first.get("deliveryId").stringValue());
        assertThat(replay.get("eventIds")).isEqualTo(first.get("eventIds"));
        assertThat(lastSeq()).isEqualTo(seq);
    }

    @Test
    void sentry_a_captured_body_and_signature_with_a_fresh_timestamp_and_request_id_is_stored_once() {
        var e = SentryFixtures.get("error-created.json");
        var first = server.postBytes(
                "/webhooks/sentry/" + sentryId,
                null,
                e.body(),
                SentryFixtures.signedHeaders(e.resource(), "req-original", "sentry-secret", e.body(), Instant.now()));
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.get("duplicate").asBoolean()).isFalse();
        long seq = lastSeq();

        // Neither the timestamp nor Request-ID is signed: a replayer rewrites both.
        var headers = new java.util.LinkedHashMap<>(
                SentryFixtures.signedHeaders(e.resource(), "req-original", "sentry-secret", e.body(), Instant.now()));
        headers.put("Request-ID", "req-made-up-by-the-replayer");
        headers.put(
                "Sentry-Hook-Timestamp",
                Long.toString(Instant.now().plusSeconds(30).getEpochSecond()));
        var replay = server.postBytes("/webhooks/sentry/" + sentryId, null, e.body(), headers);
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.get("duplicate").asBoolean()).isTrue();
        assertThat(lastSeq()).isEqualTo(seq);
    }

    @Test
    void linear_the_same_signed_body_under_a_new_linear_delivery_header_is_stored_once() {
        byte[] body = LinearFixtures.sentAt("issue-create.json", Instant.now());
        var first = server.postBytes(
                "/webhooks/linear/" + linearId,
                null,
                body,
                LinearFixtures.signedHeaders("Issue", "linear-original", "linear-secret", body));
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        long seq = lastSeq();

        var replay = server.postBytes(
                "/webhooks/linear/" + linearId,
                null,
                body,
                LinearFixtures.signedHeaders("Issue", "linear-new-header", "linear-secret", body));
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.get("duplicate").asBoolean()).isTrue();
        assertThat(lastSeq()).isEqualTo(seq);
    }

    // ---- 5. dates outside the range kept -------------------------------------------------------------

    @Test
    void a_signed_delivery_with_a_far_future_date_is_stored_with_its_time_of_receipt_and_a_note() {
        ObjectNode body = (ObjectNode)
                Json.MAPPER.readTree(GithubFixtures.get("issues/15-opened.json").body());
        ((ObjectNode) body.get("issue")).put("updated_at", FAR_FUTURE).put("created_at", FAR_FUTURE);
        Instant before = Instant.now();
        var reply = server.github(acme, "issues", "far-future", Json.MAPPER.writeValueAsBytes(body));
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        var event = server.get("/v1/events/" + reply.get("eventIds").get(0).stringValue(), acme.apiKey());
        assertThat(event.get("type").stringValue()).isEqualTo("github.issue.opened");
        assertThat(Instant.parse(event.get("occurredAt").stringValue())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(event.get("attributes").get("occurred_at_out_of_range").stringValue())
                .isEqualTo(FAR_FUTURE);
        assertThat(event.get("raw").get("deliveryKey").stringValue()).isEqualTo("far-future");
    }

    @Test
    void dates_outside_the_range_are_a_400_on_every_read_that_takes_one() {
        String entity =
                server.get("/v1/entities?q=shop", acme.apiKey()).get("entities").isEmpty()
                        ? "ent_none"
                        : server.get("/v1/entities?q=shop", acme.apiKey())
                                .get("entities")
                                .get(0)
                                .get("id")
                                .stringValue();
        for (String date : List.of(FAR_FUTURE, "-5000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            String d = URLEncoder.encode(date, StandardCharsets.UTF_8);
            for (String path : List.of(
                    "/v1/events?from=" + d,
                    "/v1/events?to=" + d,
                    "/v1/search?q=checkout&from=" + d,
                    "/v1/search?q=checkout&to=" + d,
                    "/v1/entities/" + entity + "?asOf=" + d,
                    "/v1/entities/" + entity + "/related?asOf=" + d,
                    "/v1/entities/" + entity + "/timeline?asOf=" + d)) {
                var reply = server.get(path, acme.apiKey());
                assertError(reply, 400, "bad_request", "0001-01-01T00:00:00Z");
            }
        }
        long seq = lastSeq();
        var posted = server.post(
                "/v1/events",
                acme.apiKey(),
                Map.of("source", "agent", "type", "agent.note.added", "title", "x", "occurredAt", FAR_FUTURE));
        assertError(posted, 400, "bad_request", "occurredAt", "0001-01-01T00:00:00Z");
        assertThat(lastSeq()).isEqualTo(seq);
    }

    // ---- 6. long queries -------------------------------------------------------------------------

    @Test
    void a_search_of_four_hundred_different_words_is_answered() {
        var q = new StringBuilder("checkout");
        for (int i = 0; q.length() < 1_990; i++) {
            q.append(' ').append(Integer.toString(i, 36));
        }
        assertThat(q.toString().split(" ").length).isGreaterThan(400);
        var reply = server.get(
                "/v1/search?mode=keyword&q=" + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8), acme.apiKey());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        var hybrid =
                server.get("/v1/search?q=" + URLEncoder.encode(q.toString(), StandardCharsets.UTF_8), acme.apiKey());
        assertThat(hybrid.status()).as(hybrid.text()).isEqualTo(200);
    }

    // ---- 8. smaller ------------------------------------------------------------------------------

    @Test
    void a_null_subject_and_a_limit_past_an_int_are_400s() {
        long seq = lastSeq();
        var nullSubject = server.postBytes(
                "/v1/events",
                acme.apiKey(),
                "{\"source\":\"agent\",\"type\":\"agent.note.added\",\"title\":\"x\",\"subjects\":[null]}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        assertError(nullSubject, 400, "bad_request", "subjects");
        assertThat(lastSeq()).isEqualTo(seq);
        assertError(server.get("/v1/events?limit=4294967297", acme.apiKey()), 400, "bad_request", "limit");
        assertError(server.get("/v1/events?limit=-1", acme.apiKey()), 400, "bad_request", "limit");
    }

    @Test
    void overlong_utf8_in_a_signed_webhook_is_refused() {
        long seq = lastSeq();
        byte[] prefix = "{\"action\":\"opened\",\"issue\":{\"number\":1,\"title\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\"},\"repository\":{\"full_name\":\"acme/shop\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC0; // U+0000 written in two bytes: no encoder writes this
        body[prefix.length + 1] = (byte) 0x80;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
        assertError(server.github(acme, "issues", "overlong", body), 400, "malformed_delivery", "UTF-8");
        assertThat(lastSeq()).isEqualTo(seq);
    }

    @Test
    void errors_jetty_answers_itself_come_back_as_json() {
        // 431: headers past Jetty's limit
        try (var http = raw()) {
            assertJsonError(
                    http.send(head("GET", "/healthz", Map.of("X-Big", "x".repeat(64 * 1024))))
                            .read(Duration.ofSeconds(10)),
                    431);
        }
        // A URI that does not decode, and bytes in the path that are not UTF-8
        for (String path : List.of("/v1/events/%zz", "/v1/events/%C0%80", "/v1/%")) {
            try (var http = raw()) {
                var reply = http.send(head("GET", path, Map.of())).read(Duration.ofSeconds(10));
                assertJsonError(reply, 400);
            }
        }
        try (var http = raw()) {
            byte[] path =
                    "GET /v1/events/\u00c0\u0080 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            var reply = http.send(path).read(Duration.ofSeconds(10));
            assertThat(reply.status()).isBetween(400, 404);
            assertJsonError(reply, reply.status());
        }
        // A Content-Length that is not a number
        try (var http = raw()) {
            var reply = http.send(head("POST", "/v1/events", Map.of("Content-Length", "abc")))
                    .read(Duration.ofSeconds(10));
            assertJsonError(reply, 400);
        }
    }

    @Test
    void an_answer_after_which_jetty_hangs_up_says_connection_close() throws Exception {
        // Jetty drops the connection after a request it could not parse; a client that is not told so keeps
        // it and loses its next request on it ("header parser received no bytes").
        var unparsable = List.of(
                head("GET", "/v1/events?q=" + "a".repeat(9_000), Map.of()), // 414
                head("GET", "/v1/events/%00", Map.of()), // 400: a NUL in the path
                head("GET", "/healthz", Map.of("X-Big", "x".repeat(64 * 1024))), // 431
                head("POST", "/v1/events", Map.of("Content-Length", "abc"))); // 400
        for (String request : unparsable) {
            try (var http = raw()) {
                var reply = http.send(request).read(Duration.ofSeconds(10));
                assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
                assertThat(reply.header("Connection")).as(reply.toString()).isEqualTo("close");
                assertThat(http.closedByServer(Duration.ofSeconds(10))).isTrue();
            }
        }
        // What a client sees: the JDK's, reusing its connections, never sends a POST down one Jetty closed.
        var client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        for (int i = 0; i < 20; i++) {
            var tooLong = client.send(
                    HttpRequest.newBuilder(URI.create(server.base() + "/v1/events?q=" + "a".repeat(9_000)))
                            .header("Authorization", "Bearer " + acme.apiKey())
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(tooLong.statusCode()).isEqualTo(414);
            var next = client.send(
                    HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
                            .header("Authorization", "Bearer " + acme.apiKey())
                            .POST(HttpRequest.BodyPublishers.ofString("not json"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).as(next.body()).isEqualTo(400);
        }
    }

    // ---- 9. headers ------------------------------------------------------------------------------

    @Test
    void every_answer_says_nosniff_and_answers_carrying_keys_or_tenant_data_are_not_cached() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/healthz", "/openapi.json", "/no/such/route", "/v1/events")) {
            var r = http.send(
                    HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
        }
        var tenant = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/v1/admin/tenants"))
                        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"nocache\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(tenant.statusCode()).isEqualTo(201);
        assertThat(tenant.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(tenant.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String apiKey = Json.MAPPER.readTree(tenant.body()).get("apiKey").stringValue();
        var connection = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/v1/connections"))
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"github\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(connection.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(connection.body()).get("secret").stringValue())
                .isNotBlank();
        assertThat(connection.headers().firstValue("Cache-Control")).hasValue("no-store");
        var events = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/v1/events"))
                        .header("Authorization", "Bearer " + apiKey)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(events.headers().firstValue("Cache-Control")).hasValue("no-store");
        var webhook = server.postBytes(
                "/webhooks/github/" + acme.connectionId(), null, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(webhook.status()).isEqualTo(401);
    }

    /** A delivery signed with the tenant's secret, for tests that build their own bytes. */
    static String githubSignature(String secret, byte[] body) {
        return "sha256=" + HmacSignatures.hmacSha256Hex(secret, body);
    }
}
