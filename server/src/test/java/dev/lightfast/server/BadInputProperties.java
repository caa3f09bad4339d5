package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.connectors.slack.SlackFixtures;
import dev.lightfast.connectors.vercel.VercelFixtures;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated bad input thrown at every route the server answers and at every tool's webhook parser,
 * over real HTTP against one server: malformed JSON, wrong types, nulls in arrays, extreme numbers
 * and dates, huge strings, bytes that are not UTF-8, unknown fields, odd path segments. Whatever
 * comes in, the answer is never a 5xx, an error is always the JSON error shape, and nothing is
 * stored unless the answer was a success.
 */
class BadInputProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FAR_FUTURE = "+300000-01-01T00:00:00Z";
    private static final Map<String, String> SECRETS = Map.of(
            "github", "gh-secret",
            "linear", "linear-secret",
            "sentry", "sentry-secret",
            "vercel", "vercel-secret",
            "slack", "slack-secret");
    /** The query parameters routes read, and some none do. */
    private static final List<String> PARAMS = List.of(
            "after",
            "limit",
            "type",
            "source",
            "from",
            "to",
            "q",
            "mode",
            "actor",
            "entity",
            "asOf",
            "key",
            "kind",
            "cursor",
            "depth",
            "status",
            "ruleId",
            "id",
            "unknown_param");
    /** Values that broke servers before: extreme numbers and dates, odd encodings, nothing at all. */
    private static final List<String> NASTY = List.of(
            "",
            "0",
            "-1",
            "4294967297",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "1e309",
            "NaN",
            "1.5",
            "0x10",
            FAR_FUTURE,
            "-999999999-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "2026-13-45T99:99:99Z",
            "0000-01-01T00:00:00Z",
            "10000-01-01T00:00:00Z",
            "2026-03-01T10:00:00Z",
            "github.*",
            ".*",
            "*",
            "hybrid",
            "%00",
            "\u0000",
            "\uFFFF",
            "\uD800",
            "😀",
            "'; DROP TABLE events; --",
            "../../etc/passwd",
            "ent_",
            "lightfast://events/x",
            "a".repeat(3_000));

    private static Path dir;
    private static TestServer server;
    private static TestServer.TestTenant acme;
    private static final Map<String, String> connections = new LinkedHashMap<>();
    private static List<String> routes;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("lightfast-bad-input");
        server = new TestServer(dir);
        acme = server.tenant("acme");
        connections.put("github", acme.connectionId());
        for (String provider : List.of("linear", "sentry", "vercel", "slack")) {
            var created = server.post(
                    "/v1/connections", acme.apiKey(), Map.of("provider", provider, "secret", SECRETS.get(provider)));
            connections.put(provider, created.get("id").stringValue());
        }
        // GitHub's connection was made with TestServer's secret for the tenant.
        var issue = GithubFixtures.get("issues/15-opened.json");
        server.github(acme, "issues", "seed", issue.body());
        routes = server.lightfast().servedRoutes().stream()
                .filter(r -> !r.contains("/webhooks/"))
                // A live stream answers a good request with a body that never ends; its own test
                // (EventStreamEndToEndTest) covers what it refuses.
                .filter(r -> !r.endsWith("/v1/events/stream"))
                .distinct()
                .sorted()
                .toList();
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What could have been stored: the tenants, acme's connections and the end of acme's log. */
    private record State(int tenants, int connections, long lastSeq) {
        static State now() {
            var storage = server.lightfast().storage();
            return new State(
                    storage.tenants().list().size(),
                    storage.connections().list(TenantId.of("acme")).size(),
                    storage.eventLog().lastSeq(TenantId.of("acme")));
        }
    }

    /** One call: a route with its path parameters filled, a query, a body. */
    record Call(String method, String path, Map<String, String> query, byte[] body) {
        @Override
        public String toString() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + path + " " + query + " " + b;
        }
    }

    // ---- every route -----------------------------------------------------------------------------

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void every_route_answers_bad_input_with_a_4xx_in_the_json_error_shape_and_stores_nothing(@ForAll("calls") Call call)
            throws Exception {
        var before = State.now();
        var reply = send(call);
        Statistics.label("status").collect(reply.statusCode());
        assertThat(reply.statusCode()).as(call + " -> " + reply.body()).isLessThan(500);
        assertThat(reply.headers().firstValue("X-Content-Type-Options"))
                .as(call.toString())
                .hasValue("nosniff");
        if (reply.statusCode() >= 400) {
            assertErrorShape(call, reply);
        }
        if (reply.statusCode() / 100 != 2) {
            assertThat(State.now()).as(call + " -> " + reply.statusCode()).isEqualTo(before);
        }
    }

    private static HttpResponse<String> send(Call call) throws Exception {
        var query = new StringBuilder();
        call.query()
                .forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&")
                        .append(k)
                        .append('=')
                        .append(encode(v)));
        var b = HttpRequest.newBuilder(URI.create(server.base() + call.path() + query))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, text/event-stream");
        String path = call.path();
        if (path.startsWith("/v1/admin")) {
            b.header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
        } else if (path.startsWith("/v1/") || path.equals("/mcp")) {
            b.header("Authorization", "Bearer " + acme.apiKey());
        }
        if (call.body() != null) {
            b.header("Content-Type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code {"error":{"code","message"}}}, or on /mcp a JSON-RPC error object. */
    private static void assertErrorShape(Object call, HttpResponse<String> reply) {
        assertThat(reply.headers().firstValue("Content-Type"))
                .as(call + " -> " + reply.body())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = Json.MAPPER.readTree(reply.body());
        JsonNode error = json.get("error");
        assertThat(error).as(call + " -> " + reply.body()).isNotNull();
        if (json.has("jsonrpc")) {
            assertThat(error.get("code").isIntegralNumber()).as(reply.body()).isTrue();
        } else {
            assertThat(error.get("code").isString()).as(reply.body()).isTrue();
        }
        assertThat(error.get("message").stringValue()).as(reply.body()).isNotBlank();
        assertThat(reply.body()).doesNotContain("\tat ", "stackTrace", "Exception:");
    }

    /** The bytes of a value percent-encoded, or, for values written as escapes, passed as they are. */
    private static String encode(String v) {
        if (v.equals("%00") || v.startsWith("%C0")) {
            return v;
        }
        return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Call> calls() {
        var route = Arbitraries.of(routes);
        var segment = Arbitraries.oneOf(
                Arbitraries.of("ent_x", "evt_x", "con_x", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "..", "%C0%80", "%00", "%FF"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(BadInputProperties::encode));
        var value = Arbitraries.oneOf(
                Arbitraries.of(NASTY),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.integers().map(String::valueOf));
        var query = Arbitraries.maps(Arbitraries.of(PARAMS), value).ofMaxSize(4);
        return Combinators.combine(route, segment, query, bodies().injectNull(0.2))
                .as((r, seg, q, body) -> {
                    String method = r.substring(0, r.indexOf(' '));
                    String path = r.substring(r.indexOf(' ') + 1).replaceAll("\\{[^}]+}", seg);
                    boolean sendsBody = !method.equals("GET") && !method.equals("DELETE");
                    return new Call(method, path, q, sendsBody ? body : null);
                });
    }

    // ---- request bodies -----------------------------------------------------------------------------

    /** Bodies of every kind a caller can send wrong. */
    static Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                malformed(),
                json().map(BadInputProperties::bytes),
                shapedLikeARequest().map(BadInputProperties::bytes),
                json().map(BadInputProperties::bytes).map(BadInputProperties::withInvalidUtf8));
    }

    private static Arbitrary<byte[]> malformed() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "{", "}", "[", "{\"a\":", "{\"a\":1,}", "nul", "'x'", "{\"a\" 1}", "\u0000")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200));
    }

    /** Any JSON: objects, arrays, nulls, extreme numbers, far dates, huge strings, three levels deep. */
    static Arbitrary<JsonNode> json() {
        return Arbitraries.recursive(
                BadInputProperties::scalar,
                inner -> Arbitraries.oneOf(
                        inner,
                        Arbitraries.maps(key(), inner).ofMaxSize(5).map(m -> {
                            ObjectNode o = NODES.objectNode();
                            m.forEach(o::set);
                            return (JsonNode) o;
                        }),
                        inner.list().ofMaxSize(4).map(l -> {
                            ArrayNode a = NODES.arrayNode();
                            l.forEach(a::add);
                            return (JsonNode) a;
                        })),
                0,
                3);
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "source",
                        "type",
                        "title",
                        "body",
                        "occurredAt",
                        "subjects",
                        "actor",
                        "attributes",
                        "url",
                        "causes",
                        "idempotencyKey",
                        "kind",
                        "key",
                        "label",
                        "question",
                        "limit",
                        "asOf",
                        "person",
                        "aliases",
                        "value",
                        "note",
                        "provider",
                        "secret",
                        "id",
                        "name",
                        "action",
                        "data",
                        "event",
                        "event_id",
                        "webhookTimestamp",
                        "issue",
                        "repository",
                        "updated_at",
                        "created_at",
                        "payload"),
                Arbitraries.strings().ofMaxLength(12));
    }

    private static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.of(NASTY).map(NODES::stringNode),
                Arbitraries.strings().ofMaxLength(40).map(NODES::stringNode),
                Arbitraries.just(NODES.stringNode("x".repeat(200_000))),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(
                                new java.math.BigInteger("4294967297"),
                                new java.math.BigInteger("99999999999999999999999999999"),
                                java.math.BigInteger.valueOf(Long.MIN_VALUE))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.just(NODES.numberNode(new java.math.BigDecimal("1e400"))));
    }

    /** Objects in the shape of the API's bodies, each with one field made wrong. */
    private static Arbitrary<JsonNode> shapedLikeARequest() {
        var templates = Arbitraries.of(
                "{\"source\":\"agent\",\"type\":\"agent.note.added\",\"title\":\"t\",\"occurredAt\":\"2026-03-01T10:00:00Z\","
                        + "\"subjects\":[{\"kind\":\"service\",\"key\":\"service:shop\"}],\"causes\":[],"
                        + "\"attributes\":{\"a\":1},\"idempotencyKey\":\"k\"}",
                "{\"question\":\"who reviewed #1?\",\"limit\":5,\"asOf\":\"2026-03-01T10:00:00Z\"}",
                "{\"person\":\"github:octocat\",\"aliases\":[{\"kind\":\"email\",\"value\":\"o@example.com\"}],"
                        + "\"note\":\"n\",\"idempotencyKey\":\"k\"}",
                "{\"provider\":\"github\",\"secret\":\"s\"}",
                "{\"id\":\"t1\",\"name\":\"T\"}");
        return Combinators.combine(templates, key(), json()).as((t, field, v) -> {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(t);
            var names = new ArrayList<String>();
            o.propertyNames().forEach(names::add);
            String target = names.contains(field) ? field : names.get(Math.floorMod(field.hashCode(), names.size()));
            JsonNode current = o.get(target);
            if (current.isArray()) {
                ArrayNode a = NODES.arrayNode();
                a.add(v);
                o.set(target, a); // nulls and wrong types inside arrays
            } else {
                o.set(target, v);
            }
            return (JsonNode) o;
        });
    }

    private static byte[] bytes(JsonNode node) {
        return Json.MAPPER.writeValueAsBytes(node);
    }

    /** The bytes with an overlong NUL ({@code C0 80}) or a stray byte put inside. */
    private static byte[] withInvalidUtf8(byte[] body) {
        byte[] bad = body.length % 2 == 0 ? new byte[] {(byte) 0xC0, (byte) 0x80} : new byte[] {(byte) 0xFF};
        int at = body.length / 2;
        byte[] out = new byte[body.length + bad.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(body, at, out, at + bad.length, body.length - at);
        return out;
    }

    // ---- every webhook parser ----------------------------------------------------------------------

    /** A delivery to one tool's connection: its body, and headers the tool would send or garbled ones. */
    record Delivery(String provider, byte[] body, Map<String, String> headerChanges) {
        @Override
        public String toString() {
            return provider + " " + headerChanges + " "
                    + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void every_webhook_parser_answers_a_signed_bad_delivery_with_a_4xx_and_stores_it_only_when_accepted(
            @ForAll("deliveries") Delivery d) throws Exception {
        var before = State.now();
        var headers = signed(d.provider(), d.body());
        d.headerChanges().forEach((k, v) -> {
            if (v == null) {
                headers.remove(k);
            } else {
                headers.put(k, v);
            }
        });
        var b = HttpRequest.newBuilder(
                        URI.create(server.base() + "/webhooks/" + d.provider() + "/" + connections.get(d.provider())))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        headers.forEach(b::header);
        var reply = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Statistics.label("status").collect(d.provider(), reply.statusCode());
        assertThat(reply.statusCode()).as(d + " -> " + reply.body()).isLessThan(500);
        assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        if (reply.statusCode() == 202) {
            assertThat(Json.MAPPER.readTree(reply.body()).get("deliveryId").stringValue())
                    .startsWith("dlv_");
            return;
        }
        if (reply.statusCode() >= 400) {
            assertErrorShape(d, reply);
        } else {
            // A reply that is not stored (GitHub's ping, Slack's url_verification) is text.
            assertThat(reply.statusCode()).as(d + " -> " + reply.body()).isEqualTo(200);
        }
        assertThat(State.now()).as(d + " -> " + reply.statusCode()).isEqualTo(before);
    }

    /** The headers the tool sends with {@code body}, signed with the connection's secret, sent now. */
    private static Map<String, String> signed(String provider, byte[] body) {
        String secret = SECRETS.get(provider);
        Instant now = Instant.now();
        String delivery = "prop-" + System.nanoTime();
        var headers = new LinkedHashMap<String, String>();
        switch (provider) {
            case "github" -> {
                headers.put("X-GitHub-Event", "issues");
                headers.put("X-GitHub-Delivery", delivery);
                headers.put("X-Hub-Signature-256", "sha256=" + HmacSignatures.hmacSha256Hex(acme.secret(), body));
                headers.put("Content-Type", "application/json");
            }
            case "linear" -> headers.putAll(LinearFixtures.signedHeaders("Issue", delivery, secret, body));
            case "sentry" -> headers.putAll(SentryFixtures.signedHeaders("issue", delivery, secret, body, now));
            case "vercel" -> headers.putAll(VercelFixtures.signedHeaders(secret, body));
            case "slack" -> headers.putAll(SlackFixtures.signedHeaders(secret, now, body));
            default -> throw new IllegalArgumentException(provider);
        }
        return headers;
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        var provider = Arbitraries.of(SECRETS.keySet().stream().sorted().toList());
        var headerChanges = Arbitraries.maps(
                        Arbitraries.of(
                                "X-GitHub-Event",
                                "X-GitHub-Delivery",
                                "Linear-Delivery",
                                "Linear-Event",
                                "Request-ID",
                                "Sentry-Hook-Resource",
                                "Sentry-Hook-Timestamp",
                                "X-Slack-Request-Timestamp",
                                "Content-Type"),
                        Arbitraries.oneOf(
                                Arbitraries.of(NASTY).filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)),
                                Arbitraries.of("ping", "push", "url_verification", "Issue", "error", "issue"),
                                Arbitraries.just((String) null)))
                .ofMaxSize(2);
        return provider.flatMap(p -> Combinators.combine(deliveryBodies(p), headerChanges)
                .as((body, changes) -> new Delivery(p, body, changes)));
    }

    /** Bodies for one tool: its own examples with a field made wrong, any JSON, and broken bytes. */
    private static Arbitrary<byte[]> deliveryBodies(String provider) {
        var examples = examples(provider);
        var mutated = Combinators.combine(Arbitraries.of(examples), key(), json())
                .as((example, field, value) -> mutate(provider, example, field, value));
        return Arbitraries.oneOf(
                mutated,
                mutated,
                json().map(BadInputProperties::bytes),
                malformed(),
                mutated.map(BadInputProperties::withInvalidUtf8));
    }

    private static List<byte[]> examples(String provider) {
        return switch (provider) {
            case "github" ->
                GithubFixtures.all().stream()
                        .map(GithubFixtures.Fixture::body)
                        .limit(40)
                        .toList();
            case "linear" ->
                LinearFixtures.names().stream().map(LinearFixtures::body).toList();
            case "sentry" ->
                SentryFixtures.all().stream().map(SentryFixtures.Example::body).toList();
            case "vercel" ->
                VercelFixtures.ALL.stream().map(VercelFixtures::body).toList();
            case "slack" ->
                SlackFixtures.STORY.stream().map(SlackFixtures::story).toList();
            default -> throw new IllegalArgumentException(provider);
        };
    }

    /**
     * The example with {@code field} (anywhere it appears, or at the top) set to {@code value}; Linear's
     * timestamp made fresh so the delivery reaches the parser.
     */
    private static byte[] mutate(String provider, byte[] example, String field, JsonNode value) {
        JsonNode root = Json.MAPPER.readTree(example);
        if (!(root instanceof ObjectNode o)) {
            return example;
        }
        var holders = new ArrayList<ObjectNode>();
        collect(o, field, holders);
        if (holders.isEmpty()) {
            o.set(field, value);
        } else {
            holders.get(Math.floorMod(value.hashCode(), holders.size())).set(field, value);
        }
        if (provider.equals("linear") && !field.equals("webhookTimestamp")) {
            o.put("webhookTimestamp", Instant.now().toEpochMilli());
        }
        return Json.MAPPER.writeValueAsBytes(o);
    }

    private static void collect(JsonNode node, String field, List<ObjectNode> holders) {
        if (node instanceof ObjectNode o) {
            if (o.has(field)) {
                holders.add(o);
            }
            o.values().forEach(v -> collect(v, field, holders));
        } else if (node instanceof ArrayNode a) {
            a.values().forEach(v -> collect(v, field, holders));
        }
    }
}
