package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.connectors.slack.SlackFixtures;
import dev.lightfast.connectors.vercel.VercelFixtures;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captured deliveries of every registered tool replay through {@code lightfast ingest}: the CLI
 * takes its connectors from the same one registration as the server, so a new tool needs no CLI
 * change. Captures are replayed without their (long expired) signatures and timestamps.
 */
class IngestEveryToolTest {
    @TempDir
    Path tmp;

    private Path capture(String name, Map<String, String> headers, byte[] body) throws Exception {
        var capture = new LinkedHashMap<String, Object>();
        capture.put("headers", headers);
        capture.put("body", Json.MAPPER.readTree(body));
        return Files.write(tmp.resolve(name), Json.MAPPER.writeValueAsBytes(capture));
    }

    private int ingest(String provider, Path data, Path capture) {
        return Main.run(
                "ingest", "--provider", provider, "--tenant", "acme", "--data", data.toString(), capture.toString());
    }

    @Test
    void linear_sentry_vercel_and_slack_captures_are_stored_as_their_tools_events() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(ingest(
                        "linear",
                        data,
                        capture(
                                "linear.json",
                                Map.of("Linear-Delivery", "cap-l", "Linear-Event", "Comment"),
                                LinearFixtures.body(LinearFixtures.SDK_COMMENT))))
                .isZero();
        var error = SentryFixtures.get("error-created.json");
        assertThat(ingest(
                        "sentry",
                        data,
                        capture(
                                "sentry.json",
                                Map.of("Request-ID", "cap-s", "Sentry-Hook-Resource", "error"),
                                error.body())))
                .isZero();
        assertThat(ingest(
                        "vercel",
                        data,
                        capture("vercel.json", Map.of(), VercelFixtures.body("deployment-succeeded.json"))))
                .isZero();
        assertThat(ingest("slack", data, capture("slack.json", Map.of(), SlackFixtures.story("message-decision.json"))))
                .isZero();
        try (var storage = SqliteStorage.open(data)) {
            assertThat(storage.eventLog()
                            .read(TenantId.of("acme"), EventQuery.all(100))
                            .events())
                    .extracting(Event::type)
                    .containsExactly(
                            "linear.comment.created",
                            "sentry.error.created",
                            "vercel.deployment.succeeded",
                            "slack.message.posted");
        }
    }
}
