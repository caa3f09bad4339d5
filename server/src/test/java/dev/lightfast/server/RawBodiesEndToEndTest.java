package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.connectors.github.GithubWebhookVerifier;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw bodies are kept compressed, and the API gives back the exact bytes the tool sent: GitHub's
 * signature checks against them again, over real HTTP. Deliveries reach the webhook ingress beside
 * the router, which answers with the same headers and metrics as every route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawBodiesEndToEndTest {
    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void every_github_example_is_stored_compressed_and_read_back_byte_for_byte_with_a_signature_that_verifies()
            throws Exception {
        int n = 0;
        long received = 0;
        for (var fixture : GithubFixtures.all()) {
            if (fixture.event().equals("ping")) {
                continue; // answered, not stored
            }
            var reply = server.github(acme, fixture.event(), "raw-" + n++, fixture.body());
            assertThat(reply.status()).as(fixture + ": " + reply.text()).isEqualTo(202);
            String deliveryId = reply.get("deliveryId").stringValue();

            var body = http.send(
                    HttpRequest.newBuilder(URI.create(server.base() + "/v1/deliveries/" + deliveryId + "/body"))
                            .header("Authorization", "Bearer " + acme.apiKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(body.statusCode()).isEqualTo(200);
            assertThat(body.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(body.body()).as(fixture.toString()).isEqualTo(fixture.body());
            // The bytes given back are the bytes GitHub signed: its signature checks against them.
            new GithubWebhookVerifier()
                    .verify(
                            new WebhookRequest(
                                    Map.of(
                                            "X-Hub-Signature-256",
                                            GithubFixtures.signature(acme.secret(), fixture.body())),
                                    body.body()),
                            acme.secret());
            received += fixture.body().length;
        }
        assertThat(n).isGreaterThan(300);

        long stored = 0;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.DATABASE_FILE));
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT SUM(LENGTH(body)), MIN(body_codec) FROM deliveries WHERE source = 'github'")) {
            assertThat(rs.next()).isTrue();
            stored = rs.getLong(1);
            assertThat(rs.getInt(2)).as("every one compressed").isEqualTo(1);
        }
        assertThat(stored).as("stored against received").isLessThan(received / 5);
    }

    @Test
    void an_unknown_delivery_s_body_is_a_json_404() {
        var reply = server.get("/v1/deliveries/dlv_nosuch/body", acme.apiKey());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.get("error").get("code").stringValue()).isEqualTo("not_found");
    }

    @Test
    void the_webhook_ingress_answers_with_the_headers_and_metrics_of_every_route() throws Exception {
        var fixture = GithubFixtures.of("issues").getFirst();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/github/" + acme.connectionId()))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "issues")
                        .header("X-GitHub-Delivery", "ingress-1")
                        .header("X-Hub-Signature-256", GithubFixtures.signature(acme.secret(), fixture.body()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(fixture.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        var bad = server.postBytes(
                "/webhooks/github/" + acme.connectionId(),
                null,
                fixture.body(),
                Map.of(
                        "X-GitHub-Event",
                        "issues",
                        "X-GitHub-Delivery",
                        "ingress-2",
                        "X-Hub-Signature-256",
                        "sha256=00"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.get("error").get("code").stringValue()).isEqualTo("invalid_signature");

        String metrics = server.get("/metrics", null).text();
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*route=\"/webhooks/\\{provider}/\\{connectionId}\""
                                + "[^}]*status=\"202\"[^}]*} [1-9]")
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*route=\"/webhooks/\\{provider}/\\{connectionId}\""
                                + "[^}]*status=\"401\"[^}]*} [1-9]")
                .contains("lightfast_ingest_deliveries_total{outcome=\"unauthenticated\",provider=\"github\"}");
    }
}
