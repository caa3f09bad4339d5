package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.server.mcp.GithubHistory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The console's sign-in through the real server: an API key exchanged for an HttpOnly,
 * SameSite=Strict cookie; the cookie reads the tenant's data and nothing else, changes nothing
 * without the session's CSRF token, and ends with sign-out. Bearer keys work as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSessionEndToEndTest {
    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private TestServer.TestTenant globex;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
        globex = server.tenant("globex");
        GithubHistory.send(server, acme);
        GithubHistory.send(server, globex);
        server.awaitProjected(acme);
        server.awaitProjected(globex);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A signed-in console: the cookie as the browser would send it back, and the CSRF token. */
    private record Console(String cookie, String csrf, String setCookie) {}

    private Console signIn(TestServer.TestTenant tenant, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(server.base() + "/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Json.MAPPER.writeValueAsBytes(Map.of("apiKey", tenant.apiKey()))));
        headers.forEach(b::header);
        var raw = rawSend(b.build());
        assertThat(raw.statusCode()).isEqualTo(201);
        String setCookie = raw.headers().firstValue("Set-Cookie").orElseThrow();
        var body = Json.MAPPER.readTree(raw.body());
        assertThat(body.get("tenant").stringValue()).isEqualTo(tenant.id());
        return new Console(
                setCookie.substring(0, setCookie.indexOf(';')),
                body.get("csrfToken").stringValue(),
                setCookie);
    }

    private Console signIn(TestServer.TestTenant tenant) {
        return signIn(tenant, Map.of());
    }

    private TestServer.Reply call(String method, String path, Console console, String csrf, Object body) {
        var b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Cookie", console.cookie())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return server.send(b.build());
    }

    private java.net.http.HttpResponse<String> rawSend(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_key_buys_an_http_only_same_site_strict_cookie_secure_behind_https() {
        var plain = signIn(acme);
        assertThat(plain.setCookie())
                .startsWith("lf_console=")
                .contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure", acme.apiKey());
        var https = signIn(acme, Map.of("X-Forwarded-Proto", "https"));
        assertThat(https.setCookie()).startsWith("__Host-lf_console=").contains("; Secure", "HttpOnly");
        assertThat(call("GET", "/v1/events?limit=1", https, null, null).status())
                .isEqualTo(200);
    }

    @Test
    void the_cookie_reads_its_own_tenants_data_and_never_anothers() {
        var console = signIn(acme);
        var events = call("GET", "/v1/events?limit=100", console, null, null);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.get("events").size()).isGreaterThan(0);
        String theirs = server.get("/v1/events?limit=1", globex.apiKey())
                .get("events")
                .get(0)
                .get("id")
                .stringValue();
        events.get("events").forEach(e -> assertThat(e.get("id").stringValue()).isNotEqualTo(theirs));
        assertThat(call("GET", "/v1/events/" + theirs, console, null, null).status())
                .isEqualTo(404);
        // The admin's routes take no console session.
        assertThat(call("GET", "/v1/admin/tenants", console, console.csrf(), null)
                        .status())
                .isIn(401, 404, 405);
    }

    @Test
    void a_change_with_the_cookie_but_without_its_csrf_token_is_refused() {
        var console = signIn(acme);
        var other = signIn(globex);
        var rule = Map.of("question", "who reviewed " + GithubHistory.PR_KEY + "?");
        assertThat(call("POST", "/v1/answer", console, null, rule).status()).isEqualTo(403);
        assertThat(call("POST", "/v1/answer", console, other.csrf(), rule).status())
                .isEqualTo(403);
        assertThat(call("POST", "/v1/answer", console, console.csrf(), rule).status())
                .isEqualTo(200);
        assertThat(call("DELETE", "/console/session", console, null, null).status())
                .isEqualTo(403);
    }

    @Test
    void bearer_keys_work_unchanged_and_win_over_a_cookie() {
        assertThat(server.get("/v1/events?limit=1", acme.apiKey()).status()).isEqualTo(200);
        var console = signIn(globex);
        var b = HttpRequest.newBuilder(URI.create(server.base() + "/v1/events?limit=100"))
                .header("Cookie", console.cookie())
                .header("Authorization", "Bearer " + acme.apiKey())
                .GET();
        var reply = server.send(b.build());
        assertThat(reply.status()).isEqualTo(200);
        String acmeFirst = server.get("/v1/events?limit=1", acme.apiKey())
                .get("events")
                .get(0)
                .get("id")
                .stringValue();
        assertThat(reply.get("events").get(0).get("id").stringValue()).isEqualTo(acmeFirst);
    }

    @Test
    void a_wrong_key_or_another_sites_page_gets_no_session() {
        var wrong = server.post("/console/session", null, Map.of("apiKey", "lf_nope_nope"));
        assertThat(wrong.status()).isEqualTo(401);
        var missing = server.post("/console/session", null, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        var foreign = rawSend(HttpRequest.newBuilder(URI.create(server.base() + "/console/session"))
                .header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        Json.MAPPER.writeValueAsBytes(Map.of("apiKey", acme.apiKey()))))
                .build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();
        signIn(acme, Map.of("Origin", server.base()));
    }

    @Test
    void a_reloaded_page_learns_its_session_and_sign_out_ends_it() {
        var console = signIn(acme);
        var none = server.get("/console/session", null);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.get("signedIn").asBoolean()).isFalse();
        assertThat(none.json().has("csrfToken")).isFalse();
        var mine = call("GET", "/console/session", console, null, null);
        assertThat(mine.get("signedIn").asBoolean()).isTrue();
        assertThat(mine.get("csrfToken").stringValue()).isEqualTo(console.csrf());
        assertThat(mine.text()).doesNotContain(acme.apiKey());
        // The key's id and scopes (what the page may offer), never the key.
        assertThat(mine.get("keyId").stringValue()).isNotBlank();
        assertThat(mine.get("scopes").valueStream().map(JsonNode::asString)).contains("read", "approve", "admin");
        assertThat(none.json().has("keyId")).isFalse();

        var out = call("DELETE", "/console/session", console, console.csrf(), null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(call("GET", "/v1/events?limit=1", console, null, null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/console/session", console, null, null)
                        .get("signedIn")
                        .asBoolean())
                .isFalse();
    }
}
