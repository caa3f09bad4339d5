package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.connector.HmacSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the server process with SIGKILL while deliveries stream in, then checks that every
 * delivery it acknowledged (202) is in the log after a restart: a 202 means durable.
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverySurvivesSigkill() throws Exception {
        var child = ChildServer.start(dir, null, Duration.ofSeconds(120));
        try {
            String base = child.base();
            var http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var mapper = dev.lightfast.core.json.Json.MAPPER;
            JsonNode tenant = mapper.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/admin/tenants"))
                                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"acme\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String apiKey = tenant.get("apiKey").stringValue();
            JsonNode connection = mapper.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/connections"))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"provider\":\"github\",\"secret\":\"s3cret\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String url = base + "/webhooks/github/" + connection.get("id").stringValue();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            var stop = new AtomicBoolean();
            var senders = Executors.newFixedThreadPool(8);
            for (int s = 0; s < 8; s++) {
                int sender = s;
                senders.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String id = "s" + sender + "-" + i;
                        byte[] body = ("{\"action\":\"opened\",\"issue\":{\"number\":" + i + ",\"title\":\"crash " + id
                                        + "\",\"html_url\":\"https://github.com/o/r/issues/" + i
                                        + "\",\"updated_at\":\"2026-01-01T00:00:00Z\"},"
                                        + "\"repository\":{\"full_name\":\"o/r\"},\"sender\":{\"login\":\"octocat\"}}")
                                .getBytes(StandardCharsets.UTF_8);
                        try {
                            var response = http.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .header("X-GitHub-Event", "issues")
                                            .header("X-GitHub-Delivery", id)
                                            .header(
                                                    "X-Hub-Signature-256",
                                                    "sha256=" + HmacSignatures.hmacSha256Hex("s3cret", body))
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 202) {
                                acknowledged.add(id);
                            }
                        } catch (Exception killed) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Let deliveries flow, then kill without warning once a fair number were acknowledged.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            child.kill();
            stop.set(true);
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

            try (var restarted = new TestServer(dir)) {
                var stored = new ArrayList<String>();
                long after = 0;
                while (true) {
                    var page = restarted.get("/v1/events?limit=1000&after=" + after, apiKey);
                    for (JsonNode e : page.get("events")) {
                        stored.add(restarted
                                .get("/v1/events/" + e.get("id").stringValue(), apiKey)
                                .get("raw")
                                .get("deliveryKey")
                                .stringValue());
                    }
                    after = page.get("nextAfter").asLong();
                    if (!page.get("hasMore").asBoolean()) {
                        break;
                    }
                }
                assertThat(stored).containsAll(acknowledged);
                assertThat(stored).doesNotHaveDuplicates();
                List<Long> seqs = new ArrayList<>();
                restarted
                        .get("/v1/events?limit=1000", apiKey)
                        .get("events")
                        .forEach(e -> seqs.add(e.get("seq").asLong()));
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
            }
        } finally {
            child.kill();
        }
    }
}
