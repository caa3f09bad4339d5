package dev.lightfast.server;

import dev.lightfast.core.backfill.HistoryReader;
import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A real server on a free port with its own data directory, and a small HTTP client for it. Used
 * by the end-to-end tests (and, through the test-jar, by other modules' tests).
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    /**
     * The key sealing webhook secrets on PostgreSQL, shared by every test server of a database as
     * every server of one database must (on SQLite each data directory makes its own key file).
     */
    public static final String POSTGRES_SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final Path dataDir;
    private final String postgresUrl;
    private List<HistoryReader> readers;
    private Lightfast lightfast;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public TestServer(Path dataDir) {
        this(dataDir, null);
    }

    /** A server on PostgreSQL ({@code postgresUrl}); the data directory then holds nothing. */
    public TestServer(Path dataDir, String postgresUrl) {
        this(dataDir, postgresUrl, null);
    }

    /** A server whose backfills read with {@code readers} (their waits on a test clock); null for the real ones. */
    public TestServer(Path dataDir, String postgresUrl, List<HistoryReader> readers) {
        this.dataDir = dataDir;
        this.postgresUrl = postgresUrl;
        this.readers = readers;
        this.lightfast = Lightfast.start(config(), readers);
    }

    private ServerConfig config() {
        // Webhook receivers in tests listen on this machine.
        return new ServerConfig(
                "127.0.0.1",
                0,
                dataDir,
                ADMIN_TOKEN,
                null,
                postgresUrl,
                true,
                postgresUrl == null ? null : POSTGRES_SECRET_KEY,
                true);
    }

    /** As {@link #restart()}, with new readers: a new process knows nothing the old one learnt. */
    public void restart(List<HistoryReader> readers) {
        this.readers = readers;
        restart();
    }

    /** Stops and starts again on the same data directory (on another free port). */
    public void restart() {
        lightfast.close();
        lightfast = Lightfast.start(config(), readers);
    }

    public String base() {
        return "http://127.0.0.1:" + lightfast.port();
    }

    public Lightfast lightfast() {
        return lightfast;
    }

    /** A response with its status and body parsed as JSON (null when not JSON). */
    public record Reply(int status, String text, JsonNode json) {
        public JsonNode get(String field) {
            return json.get(field);
        }
    }

    /** A tenant with its API key and one GitHub connection. */
    public record TestTenant(String id, String apiKey, String connectionId, String webhookUrl, String secret) {}

    public TestTenant tenant(String id) {
        var created = post("/v1/admin/tenants", ADMIN_TOKEN, Map.of("id", id, "name", id));
        if (created.status() != 201) {
            throw new IllegalStateException("creating tenant: " + created);
        }
        String key = created.get("apiKey").stringValue();
        String secret = "secret-of-" + id;
        var connection = post("/v1/connections", key, Map.of("provider", "github", "secret", secret));
        if (connection.status() != 201) {
            throw new IllegalStateException("creating connection: " + connection);
        }
        return new TestTenant(
                id,
                key,
                connection.get("id").stringValue(),
                connection.get("webhookUrl").stringValue(),
                secret);
    }

    public Reply get(String path, String bearer) {
        var b = HttpRequest.newBuilder(URI.create(base() + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.GET().build());
    }

    public Reply delete(String path, String bearer) {
        var b = HttpRequest.newBuilder(URI.create(base() + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.DELETE().build());
    }

    public Reply post(String path, String bearer, Object body) {
        return postBytes(path, bearer, Json.MAPPER.writeValueAsBytes(body), Map.of("Content-Type", "application/json"));
    }

    public Reply put(String path, String bearer, Object body) {
        var b = HttpRequest.newBuilder(URI.create(base() + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    public Reply postBytes(String path, String bearer, byte[] body, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    /** Posts a GitHub delivery signed with the tenant's secret. */
    public Reply github(TestTenant tenant, String event, String deliveryId, byte[] body) {
        return postBytes(
                "/webhooks/github/" + tenant.connectionId(),
                null,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-GitHub-Event",
                        event,
                        "X-GitHub-Delivery",
                        deliveryId,
                        "X-Hub-Signature-256",
                        "sha256=" + HmacSignatures.hmacSha256Hex(tenant.secret(), body)));
    }

    public Reply send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(response.body());
            } catch (RuntimeException notJson) {
                // metrics are text
            }
            return new Reply(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the graph and the search index have read the tenant's whole log. */
    public void awaitProjected(TestTenant tenant) {
        if (!lightfast
                .projections()
                .awaitCaughtUp(dev.lightfast.core.tenant.TenantId.of(tenant.id()), java.time.Duration.ofSeconds(60))) {
            throw new IllegalStateException("projections did not catch up with " + tenant.id() + " within 60 s");
        }
    }

    @Override
    public void close() {
        lightfast.close();
    }
}
