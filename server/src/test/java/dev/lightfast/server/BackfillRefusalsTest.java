package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.github.GithubEmulator;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill that cannot run is refused before any job starts (and so before any connection is
 * made), and a second one on a connection whose job still runs is a conflict, not a bad request.
 */
class BackfillRefusalsTest {
    private static final String TOKEN = "ghs_refusals";

    @Test
    void without_a_token_it_is_a_400_and_nothing_is_started_or_reached(@TempDir Path dir) {
        var recorder = new NoOutboundConnectionsTest.RecordingProxySelector();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(recorder);
        try (var server = new TestServer(dir)) {
            var tenant = server.tenant("acme");
            String path = "/v1/connections/" + tenant.connectionId() + "/backfill";
            var refused = server.post(
                    path, tenant.apiKey(), Map.of("since", "2026-01-01T00:00:00Z", "repositories", List.of("a/b")));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.get("error").get("message").stringValue()).contains("token is required");
            var blank = server.post(
                    path,
                    tenant.apiKey(),
                    Map.of("since", "2026-01-01T00:00:00Z", "repositories", List.of("a/b"), "token", " "));
            assertThat(blank.status()).isEqualTo(400);
            assertThat(server.get(path, tenant.apiKey()).status()).isEqualTo(404);
            assertThat(recorder.outside).as("connections outside loopback").isEmpty();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void a_second_backfill_while_one_runs_is_a_409_conflict(@TempDir Path dir) {
        try (GithubEmulator github = new GithubEmulator(TOKEN).start();
                var server = new TestServer(dir)) {
            github.state().repo("acme/shop");
            // The first call hangs, so the job is still running when the second request comes.
            github.switches().fail(FailureMode.SLOW, 1, null, null, 30_000);
            var tenant = server.tenant("acme");
            String path = "/v1/connections/" + tenant.connectionId() + "/backfill";
            var body = Map.of(
                    "since",
                    "2026-01-01T00:00:00Z",
                    "repositories",
                    List.of("acme/shop"),
                    "token",
                    TOKEN,
                    "apiBase",
                    github.baseUri().toString());
            assertThat(server.post(path, tenant.apiKey(), body).status()).isEqualTo(202);
            var second = server.post(path, tenant.apiKey(), body);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.get("error").get("code").stringValue()).isEqualTo("conflict");
            assertThat(second.get("error").get("message").stringValue()).contains("has a backfill running");
            var cancelled = server.delete(path, tenant.apiKey());
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.get("job").get("state").stringValue()).isEqualTo("cancelled");
            assertThat(server.post(path, tenant.apiKey(), body).status())
                    .as("a cancelled job frees the connection")
                    .isEqualTo(202);
            server.delete(path, tenant.apiKey());
        }
    }
}
