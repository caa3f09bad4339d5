package dev.lightfast.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.server.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Outbound webhooks through the real server: subscriptions made over HTTP, events posted to the
 * log, and a receiver on this machine that checks every message with the Standard Webhooks
 * library, through a secret rotation too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundWebhooksEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private TestServer server;
    private TestServer.TestTenant tenant;
    private WebhookReceiver receiver;
    private int posted;

    @BeforeAll
    void start() {
        server = new TestServer(dir);
        tenant = server.tenant("acme");
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stop() {
        server.close();
        receiver.close();
    }

    private TestServer.Reply subscribe(String path, Object filter) {
        var body = new java.util.HashMap<String, Object>();
        body.put("url", receiver.url(path));
        body.put("description", "test receiver " + path);
        if (filter != null) {
            body.put("filter", filter);
        }
        return server.post("/v1/subscriptions", tenant.apiKey(), body);
    }

    /** Posts events to the log; returns their ids in order. */
    private List<String> post(String type, int n) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            var reply = server.post(
                    "/v1/events",
                    tenant.apiKey(),
                    Map.of(
                            "source",
                            "deploybot",
                            "type",
                            type,
                            "title",
                            type + " #" + (++posted),
                            "subjects",
                            List.of(Map.of("kind", "service", "key", "service:shop", "label", "shop")),
                            "idempotencyKey",
                            "e2e-" + posted));
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.get("events").get(0).get("id").stringValue());
        }
        return ids;
    }

    private TestServer.Reply awaitOutbox(String id, java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var reply = server.get("/v1/subscriptions/" + id, tenant.apiKey());
            if (done.test(reply.get("outbox")) || System.nanoTime() > deadline) {
                return reply;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
    }

    private static List<String> eventIds(List<WebhookReceiver.Received> received) {
        return received.stream()
                .map(r -> r.json().get("data").get("id").stringValue())
                .toList();
    }

    @Test
    void every_message_verifies_with_the_standard_webhooks_library_through_a_rotation() throws Exception {
        var made = subscribe("/verified", Map.of("types", List.of("deploy.*")));
        assertThat(made.status()).isEqualTo(201);
        String id = made.get("id").stringValue();
        String secret = made.get("secret").stringValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(made.get("status").stringValue()).isEqualTo("active");

        var first = post("deploy.finished", 5);
        post("note.added", 2); // not asked for
        var before = receiver.await("/verified", 5, WAIT);
        for (var r : before) {
            r.verify(secret);
        }
        assertThat(eventIds(before)).isEqualTo(first);
        JsonNode body = before.getFirst().json();
        assertThat(body.get("type").stringValue()).isEqualTo("deploy.finished");
        assertThat(body.get("kind").stringValue()).isEqualTo("event");
        assertThat(body.get("timestamp").stringValue()).isNotBlank();
        assertThat(body.get("citations").get(0).get("eventId").stringValue()).isEqualTo(first.getFirst());
        assertThat(body.get("data").get("subjects").get(0).get("key").stringValue())
                .isEqualTo("service:shop");

        var rotated = server.post("/v1/subscriptions/" + id + "/rotate-secret", tenant.apiKey(), Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.get("secret").stringValue();
        assertThat(next).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(Instant.parse(rotated.get("previousUntil").stringValue()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));

        var second = post("deploy.started", 5);
        var after = receiver.await("/verified", 10, WAIT).subList(5, 10);
        assertThat(eventIds(after)).isEqualTo(second);
        for (var r : after) {
            // During the overlap a receiver still on the old secret and one already on the new both verify.
            r.verify(secret);
            r.verify(next);
            assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        }
        assertThat(after.getFirst()
                        .verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                .isFalse();
        var all = receiver.received("/verified");
        assertThat(all.stream().map(WebhookReceiver.Received::id).toList()).doesNotHaveDuplicates();
    }

    @Test
    void a_test_message_its_attempts_and_replays_can_be_seen() throws Exception {
        var made = subscribe("/replayed", Map.of("types", List.of("release.*")));
        String id = made.get("id").stringValue();
        String secret = made.get("secret").stringValue();
        var queued = server.post("/v1/subscriptions/" + id + "/test", tenant.apiKey(), Map.of());
        assertThat(queued.status()).isEqualTo(202);
        String testId = queued.get("messageId").stringValue();
        var got = receiver.await("/replayed", 1, WAIT);
        assertThat(got.getFirst().id()).isEqualTo(testId);
        assertThat(got.getFirst().json().get("type").stringValue()).isEqualTo("lightfast.subscription.test");
        got.getFirst().verify(secret);

        post("release.published", 2);
        receiver.await("/replayed", 3, WAIT);
        awaitOutbox(id, outbox -> outbox.get("delivered").asInt() == 3);
        var attempts = server.get("/v1/subscriptions/" + id + "/attempts?limit=10", tenant.apiKey());
        assertThat(attempts.status()).isEqualTo(200);
        assertThat(attempts.get("attempts")).hasSize(3);
        var newest = attempts.get("attempts").get(0);
        assertThat(newest.get("status").asInt()).isEqualTo(200);
        assertThat(newest.get("outcome").stringValue()).isEqualTo("delivered");
        assertThat(newest.get("response").stringValue()).isEqualTo("answer 200");
        assertThat(newest.has("latencyMillis")).isTrue();

        var replay = server.post("/v1/subscriptions/" + id + "/replay", tenant.apiKey(), Map.of("messageId", testId));
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.get("replayed").asInt()).isEqualTo(1);
        var again = receiver.await("/replayed", 4, WAIT).get(3);
        assertThat(again.id()).isEqualTo(testId);
        again.verify(secret);

        // A message being sent is not replayed (it is queued already): wait until its delivery is recorded.
        awaitOutbox(id, outbox -> outbox.get("delivered").asInt() == 3);
        var range = server.post(
                "/v1/subscriptions/" + id + "/replay",
                tenant.apiKey(),
                Map.of("from", "2000-01-01T00:00:00Z", "to", "2100-01-01T00:00:00Z"));
        assertThat(range.get("replayed").asInt()).isEqualTo(3);
        var replayed = receiver.await("/replayed", 7, WAIT).subList(4, 7);
        assertThat(replayed.stream().map(WebhookReceiver.Received::id).toList())
                .isEqualTo(receiver.received("/replayed").subList(0, 3).stream()
                        .map(WebhookReceiver.Received::id)
                        .toList());

        // A delivery is recorded a moment after the endpoint answered it.
        var one = awaitOutbox(id, outbox -> outbox.get("delivered").asInt() == 3);
        assertThat(one.get("outbox").get("delivered").asInt()).isEqualTo(3);
        assertThat(one.get("outbox").get("pending").asInt()).isZero();
        var messages = server.get("/v1/subscriptions/" + id + "/messages?state=delivered", tenant.apiKey());
        assertThat(messages.get("messages")).hasSize(3);
        assertThat(messages.get("messages").get(0).get("id").stringValue()).isEqualTo(testId);
    }

    @Test
    void a_slow_endpoint_and_a_failing_one_do_not_hold_up_a_healthy_one() {
        var release = new CountDownLatch(1);
        receiver.answer("/slow", r -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        receiver.answer("/failing", r -> 500);
        var filter = Map.of("types", List.of("build.*"));
        subscribe("/slow", filter);
        String failing = subscribe("/failing", filter).get("id").stringValue();
        subscribe("/healthy", filter);

        var ids = post("build.finished", 20);
        var healthy = receiver.await("/healthy", 20, WAIT);
        // All twenty reached the healthy endpoint while the slow one still holds its first request.
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(receiver.received("/slow")).hasSize(1);
        assertThat(eventIds(healthy)).isEqualTo(ids);
        // The failing one is retried on its schedule (the second attempt 5 s later), in order: never the second message
        // first.
        assertThat(receiver.received("/failing"))
                .extracting(WebhookReceiver.Received::id)
                .containsOnly(receiver.received("/failing").getFirst().id());
        var attempts = server.get("/v1/subscriptions/" + failing + "/attempts", tenant.apiKey());
        assertThat(attempts.get("attempts").get(0).get("status").asInt()).isEqualTo(500);
        assertThat(attempts.get("attempts").get(0).get("outcome").stringValue()).isEqualTo("rejected");
        var stats = server.get("/v1/subscriptions/" + failing, tenant.apiKey()).get("outbox");
        assertThat(stats.get("failingSince").stringValue()).isNotBlank();
        assertThat(stats.get("nextAttemptAt").stringValue()).isNotBlank();
        release.countDown();
        var slow = receiver.await("/slow", 20, WAIT);
        assertThat(eventIds(slow)).isEqualTo(ids);
    }

    @Test
    void a_subscription_is_changed_disabled_enabled_and_removed() {
        var made = subscribe("/changed", Map.of("types", List.of("ci.*")));
        String id = made.get("id").stringValue();
        var disabled = server.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/subscriptions/" + id))
                        .header("Authorization", "Bearer " + tenant.apiKey())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url("/changed")
                                + "\",\"filter\":{\"types\":[\"ci.*\"]}," + "\"disabled\":true,\"rateLimit\":50}"))
                        .build());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.get("status").stringValue()).isEqualTo("disabled");
        assertThat(disabled.get("rateLimit").asInt()).isEqualTo(50);
        var ids = post("ci.passed", 3);
        var queued = server.get("/v1/subscriptions/" + id, tenant.apiKey());
        assertThat(server.lightfast().projections().awaitCaughtUp(dev.lightfast.core.tenant.TenantId.of("acme"), WAIT))
                .isTrue();
        assertThat(receiver.received("/changed")).isEmpty();
        assertThat(queued.get("status").stringValue()).isEqualTo("disabled");

        var enabled = server.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/subscriptions/" + id))
                        .header("Authorization", "Bearer " + tenant.apiKey())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url("/changed")
                                + "\",\"filter\":{\"types\":[\"ci.*\"]}," + "\"disabled\":false}"))
                        .build());
        assertThat(enabled.get("status").stringValue()).isEqualTo("active");
        assertThat(eventIds(receiver.await("/changed", 3, WAIT))).isEqualTo(ids);

        var listed = server.get("/v1/subscriptions", tenant.apiKey());
        assertThat(listed.get("subscriptions").findValuesAsString("id")).contains(id);
        assertThat(listed.text()).doesNotContain("whsec_");
        var deleted = server.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/subscriptions/" + id))
                        .header("Authorization", "Bearer " + tenant.apiKey())
                        .DELETE()
                        .build());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(server.get("/v1/subscriptions/" + id, tenant.apiKey()).status())
                .isEqualTo(404);
    }

    @Test
    void bad_requests_get_a_clear_error_and_other_tenants_see_nothing() {
        record Case(Object body, String says) {}
        var cases = List.of(
                new Case(Map.of("description", "no url"), "url is required"),
                new Case(Map.of("url", "ftp://example.org/x"), "http:// or https://"),
                new Case(Map.of("url", "https://user:pw@example.org/x"), "credentials"),
                new Case(Map.of("url", "not a url at all"), "url"),
                new Case(
                        Map.of("url", receiver.url("/x"), "filter", Map.of("types", List.of("Bad Type"))),
                        "type pattern"),
                new Case(
                        Map.of("url", receiver.url("/x"), "filter", Map.of("sources", List.of("GitHub"))),
                        "filter.sources"),
                new Case(Map.of("url", receiver.url("/x"), "rateLimit", 0), "rateLimit"),
                new Case(Map.of("url", receiver.url("/x"), "filter", List.of()), "filter"));
        for (var c : cases) {
            var reply = server.post("/v1/subscriptions", tenant.apiKey(), c.body());
            assertThat(reply.status()).as(c.body().toString()).isEqualTo(400);
            assertThat(reply.get("error").get("message").stringValue())
                    .as(c.body().toString())
                    .contains(c.says());
        }
        String id = subscribe("/walled", null).get("id").stringValue();
        var other = server.tenant("globex");
        assertThat(server.get("/v1/subscriptions/" + id, other.apiKey()).status())
                .isEqualTo(404);
        assertThat(server.get("/v1/subscriptions", other.apiKey()).get("subscriptions"))
                .isEmpty();
        assertThat(server.post("/v1/subscriptions/" + id + "/test", other.apiKey(), Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(server.post("/v1/subscriptions/" + id + "/replay", tenant.apiKey(), Map.of())
                        .status())
                .isEqualTo(400);
        assertThat(server.post("/v1/subscriptions/" + id + "/replay", tenant.apiKey(), Map.of("messageId", "msg_x"))
                        .status())
                .isEqualTo(404);
        var refused = server.post(
                "/v1/events",
                tenant.apiKey(),
                Map.of("source", "lightfast", "type", "lightfast.subscription.disabled", "title", "forged"));
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void the_outbox_is_a_projection_with_its_checkpoint() {
        subscribe("/projected", Map.of("types", List.of("projection.*")));
        post("projection.checked", 2);
        receiver.await("/projected", 2, WAIT);
        var projections = server.get("/v1/projections", tenant.apiKey());
        var names = new HashSet<String>(projections.get("projections").findValuesAsString("name"));
        assertThat(names).contains("graph", "search", "outbox");
        for (JsonNode p : projections.get("projections")) {
            if (p.get("name").stringValue().equals("outbox")) {
                assertThat(p.get("checkpoint").asLong())
                        .isEqualTo(projections.get("lastSeq").asLong());
            }
        }
    }
}
