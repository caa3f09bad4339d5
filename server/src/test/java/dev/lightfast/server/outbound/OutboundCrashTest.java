package dev.lightfast.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.server.ChildServers;
import dev.lightfast.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Kills the sending server with SIGKILL while it delivers, restarts it on the same data, and checks
 * what the receiver saw: every message at least once, a duplicate only ever under the webhook-id
 * it had the first time, and each run of the server sending in log order, the restarted one going
 * on from where the killed one had got to (at worst sending its last few again).
 */
class OutboundCrashTest {
    private static final int EVENTS = 400;

    @TempDir
    Path dir;

    @Test
    void a_server_killed_mid_delivery_loses_nothing_and_sends_in_order_after_restart() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            receiver.answer("/crash", r -> {
                try {
                    Thread.sleep(15); // a receiver that takes a moment, so the kill finds messages in flight
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 200;
            });
            var child = ChildServers.start(dir, Duration.ofSeconds(120));
            String apiKey;
            String secret;
            var http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            try {
                String base = child.base();
                apiKey = json(http, base + "/v1/admin/tenants", TestServer.ADMIN_TOKEN, Map.of("id", "acme"))
                        .get("apiKey")
                        .stringValue();
                secret = json(http, base + "/v1/subscriptions", apiKey, Map.of("url", receiver.url("/crash")))
                        .get("secret")
                        .stringValue();
                for (int i = 0; i < EVENTS; i++) {
                    json(
                            http,
                            base + "/v1/events",
                            apiKey,
                            Map.of(
                                    "source",
                                    "crashbot",
                                    "type",
                                    "crash.step",
                                    "title",
                                    "step " + i,
                                    "idempotencyKey",
                                    "step-" + i));
                }
                // Kill it once a fair part went out, without warning.
                receiver.await("/crash", EVENTS / 4, Duration.ofSeconds(120));
            } finally {
                child.kill();
            }
            int beforeRestart = receiver.received("/crash").size();
            assertThat(beforeRestart).isLessThan(EVENTS);

            try (var restarted = new TestServer(dir)) {
                receiver.await(
                        () -> distinctEvents(receiver.received("/crash")).size() >= EVENTS, Duration.ofSeconds(120));
                var all = receiver.received("/crash");
                var seqs = new ArrayList<Long>();
                var idOfEvent = new HashMap<String, Set<String>>();
                for (var r : all) {
                    r.verify(secret);
                    JsonNode body = r.json();
                    seqs.add(body.get("data").get("seq").asLong());
                    idOfEvent
                            .computeIfAbsent(body.get("data").get("id").stringValue(), k -> new HashSet<>())
                            .add(r.id());
                }
                System.err.println("crash test: " + beforeRestart + " before the kill, " + all.size() + " in all");
                // Every event arrived, each always under one webhook-id.
                assertThat(idOfEvent).hasSize(EVENTS);
                assertThat(idOfEvent.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
                // Each run sent in log order; the restarted one picked up at or before where the first stopped.
                var first = seqs.subList(0, beforeRestart);
                var second = seqs.subList(beforeRestart, seqs.size());
                assertThat(first).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
                assertThat(second).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
                assertThat(second.getFirst()).isLessThanOrEqualTo(first.getLast() + 1);
                assertThat(first.getFirst()).isEqualTo(1L);
                assertThat(second.getLast()).isEqualTo((long) EVENTS);
                assertThat(restarted.get("/v1/projections", apiKey).text()).contains("\"outbox\"");
            }
        }
    }

    private static Set<String> distinctEvents(List<WebhookReceiver.Received> received) {
        var ids = new HashSet<String>();
        for (var r : received) {
            ids.add(r.json().get("data").get("id").stringValue());
        }
        return ids;
    }

    private static JsonNode json(HttpClient http, String url, String bearer, Object body) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearer)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }
}
