package dev.lightfast.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.server.TestServer;
import dev.lightfast.store.postgres.PostgresTestSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL share the outbox: events posted to either are queued once per
 * subscription and sent once, in log order, whichever server holds a subscription's lease.
 */
class PostgresOutboundSharingTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private PostgresTestSchema schema;
    private TestServer first;
    private TestServer second;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        schema = PostgresTestSchema.create();
        first = new TestServer(dir.resolve("first"), schema.url());
        second = new TestServer(dir.resolve("second"), schema.url());
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        for (var server : new TestServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void two_servers_queue_and_send_each_message_once_in_order() throws Exception {
        var acme = first.tenant("acme");
        var secrets = new ArrayList<String>();
        for (String path : List.of("/a", "/b", "/c")) {
            var made = (path.equals("/b") ? second : first)
                    .post("/v1/subscriptions", acme.apiKey(), Map.of("url", receiver.url(path)));
            assertThat(made.status()).isEqualTo(201);
            secrets.add(made.get("secret").stringValue());
        }
        var ids = new ArrayList<String>();
        for (int i = 0; i < 60; i++) {
            var to = i % 2 == 0 ? first : second;
            var reply = to.post(
                    "/v1/events",
                    acme.apiKey(),
                    Map.of(
                            "source",
                            "sharebot",
                            "type",
                            "share.step",
                            "title",
                            "step " + i,
                            "idempotencyKey",
                            "s" + i));
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.get("events").get(0).get("id").stringValue());
        }
        var paths = List.of("/a", "/b", "/c");
        for (int p = 0; p < paths.size(); p++) {
            var got = receiver.await(paths.get(p), ids.size(), WAIT);
            // Give a duplicate, were there one, the time to arrive.
            Thread.sleep(500);
            got = receiver.received(paths.get(p));
            assertThat(got.stream()
                            .map(r -> r.json().get("data").get("id").stringValue())
                            .toList())
                    .as(paths.get(p))
                    .isEqualTo(ids);
            for (var r : got) {
                r.verify(secrets.get(p));
            }
        }
        var projections = second.get("/v1/projections", acme.apiKey());
        assertThat(projections.text()).contains("\"outbox\"");
    }
}
