package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The log newest first, and new events live as server-sent events: each tenant's own only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamEndToEndTest {
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
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void note(TestServer.TestTenant tenant, String key) {
        var reply = server.post(
                "/v1/events",
                tenant.apiKey(),
                Map.of("source", "oncall-bot", "type", "incident.note.added", "title", key, "idempotencyKey", key));
        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void the_log_reads_newest_first_with_a_before_cursor() {
        for (int i = 0; i < 5; i++) {
            note(acme, "newest-" + i);
        }
        var first = server.get("/v1/events?order=newest&limit=2", acme.apiKey());
        assertThat(first.status()).isEqualTo(200);
        var seqs = new ArrayList<Long>();
        first.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        long before = first.get("nextBefore").asLong();
        assertThat(before).isEqualTo(seqs.get(1));
        var second = server.get("/v1/events?before=" + before + "&limit=2", acme.apiKey());
        second.get("events").forEach(e -> assertThat(e.get("seq").asLong()).isLessThan(before));
        assertThat(server.get("/v1/events?order=sideways", acme.apiKey()).status())
                .isEqualTo(400);
    }

    @Test
    void a_tenants_stream_carries_its_new_events_and_no_one_elses() throws Exception {
        note(acme, "before-the-stream");
        var response = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(server.base() + "/v1/events/stream"))
                                .header("Authorization", "Bearer " + acme.apiKey())
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).startsWith(":"); // the stream is open and following

        note(globex, "theirs-live");
        note(acme, "mine-live");
        var seen = new ArrayList<String>();
        while (seen.stream().noneMatch(l -> l.contains("mine-live"))) {
            seen.add(lines.next());
        }
        List<String> data = seen.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(data).hasSize(1);
        assertThat(String.join("\n", seen))
                .contains("event: event", "id: ")
                .doesNotContain("theirs-live", "before-the-stream");
        response.body().close();
    }
}
