package dev.lightfast.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.AttemptOutcome;
import dev.lightfast.core.subscription.EventMessages;
import dev.lightfast.core.subscription.MessageState;
import dev.lightfast.core.subscription.QueuedMessage;
import dev.lightfast.core.subscription.SecretSealer;
import dev.lightfast.core.subscription.SigningSecret;
import dev.lightfast.core.subscription.SubscriptionFilter;
import dev.lightfast.core.subscription.Subscriptions;
import dev.lightfast.core.subscription.WebhookSignature;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delivery over every store, on a clock the test moves: queueing from the log, order, the retry
 * schedule to the second, {@code Retry-After}, failure for good, and disabling after five days.
 */
public abstract class DeliveryContract {
    protected static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** An empty storage, the same instance for the whole test method. */
    protected abstract Storage storage();

    private TestClock clock;
    private ScriptedSender endpoint;
    private Subscriptions subscriptions;
    private OutboxProjection projection;
    private SubscriptionDelivery delivery;
    private int keys;

    /** Called first by each test: the storage is the subclass's, opened in its own {@code @BeforeEach}. */
    private void wire() {
        clock = new TestClock(T0);
        endpoint = new ScriptedSender(clock);
        var storage = storage();
        storage.tenants()
                .create(new Tenant(ACME, "Acme", T0), ApiKeys.issue(ACME, T0).stored());
        var source = new EventMessages(storage.eventLog());
        subscriptions = new Subscriptions(
                storage.subscriptions(), storage.outbox(), List.of(source), SecretSealer.PLAINTEXT, url -> {}, clock);
        projection = new OutboxProjection(source, storage.subscriptions(), storage.outbox(), () -> {});
        delivery = new SubscriptionDelivery(
                storage.subscriptions(),
                storage.outbox(),
                SecretSealer.PLAINTEXT,
                endpoint,
                storage.eventLog(),
                clock,
                RetrySchedule.SVIX);
    }

    private List<Event> append(String type, int n) {
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i < n; i++) {
            drafts.add(EventDraft.builder("api", type)
                    .occurredAt(T0)
                    .subject(EntityRef.of("service", "service:shop", "shop"))
                    .title(type + " " + i)
                    .idempotencyKey("k" + (++keys))
                    .build());
        }
        String key = "d" + keys;
        return storage()
                .eventLog()
                .append(
                        ACME,
                        new IncomingDelivery(
                                "api", null, key, type, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), T0, drafts))
                .events();
    }

    private void queue() {
        while (projection.catchUp(ACME) > 0) {
            // until every subscription has read the whole log
        }
    }

    /** What the dispatcher does once: claim the due queues, work each, give the leases back. */
    private Optional<Instant> runDue() {
        Optional<Instant> next = Optional.empty();
        for (String id : storage()
                .outbox()
                .claim(ACME, "srv_test", clock.instant(), clock.instant().plus(LEASE), 10)) {
            next = delivery.deliver(ACME, id, "srv_test", LEASE, () -> true);
            storage().outbox().release(ACME, id, "srv_test");
        }
        return next;
    }

    @Test
    void messagesGoOutInLogOrderSignedAndOnlyWhatTheFilterAccepts() {
        wire();
        append("deploy.started", 1); // before the subscription: not sent
        var made = subscriptions.create(
                ACME,
                "https://hooks.example/a",
                "",
                new SubscriptionFilter(List.of("deploy.*"), null, null, null, null),
                null);
        var sent = new ArrayList<Event>();
        sent.addAll(append("deploy.finished", 3));
        append("note.added", 2);
        sent.addAll(append("deploy.rolled_back", 1));
        queue();
        assertThat(projection.checkpoint(ACME)).isEqualTo(storage().eventLog().lastSeq(ACME));

        assertThat(runDue()).isEmpty();
        var requests = endpoint.requests();
        assertThat(requests).hasSize(4);
        for (int i = 0; i < requests.size(); i++) {
            var r = requests.get(i);
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertThat(body.get("data").get("id").stringValue())
                    .isEqualTo(sent.get(i).id());
            assertThat(body.get("type").stringValue()).isEqualTo(sent.get(i).type());
            assertThat(body.get("kind").stringValue()).isEqualTo("event");
            assertThat(body.get("citations").get(0).get("eventId").stringValue())
                    .isEqualTo(sent.get(i).id());
            long ts = Long.parseLong(r.headers().get("webhook-timestamp"));
            assertThat(ts).isEqualTo(T0.getEpochSecond());
            assertThat(r.headers().get("webhook-signature"))
                    .isEqualTo("v1," + WebhookSignature.sign(made.secret(), r.id(), ts, r.body()));
        }
        assertThat(requests).extracting(ScriptedSender.Request::id).doesNotHaveDuplicates();
        assertThat(storage().outbox().pending(ACME, made.subscription().id(), 10))
                .isEmpty();
        assertThat(storage().outbox().stats(ACME, made.subscription().id()).delivered())
                .isEqualTo(4);
    }

    @Test
    void aFailingMessageIsRetriedOnSvixsScheduleThenFailsAndTheQueueGoesOn() {
        wire();
        var made = subscriptions.create(ACME, "https://hooks.example/a", "", null, null);
        String id = made.subscription().id();
        append("deploy.finished", 2);
        queue();
        endpoint.otherwise(r -> ScriptedSender.status(503));

        var due = new ArrayList<Duration>();
        Instant last = null;
        for (int attempt = 1; attempt <= 8; attempt++) {
            Optional<Instant> next = runDue();
            // After the eighth failure the next message goes out in the same pass.
            var requests = endpoint.requests();
            assertThat(requests).hasSize(attempt < 8 ? attempt : 9);
            Instant at = requests.get(attempt - 1).at();
            if (last != null) {
                due.add(Duration.between(last, at));
            }
            last = at;
            assertThat(requests.subList(0, attempt))
                    .extracting(ScriptedSender.Request::id)
                    .containsOnly(requests.getFirst().id());
            if (attempt < 8) {
                assertThat(next).isPresent();
                // Not a moment early: one second before it is due nothing is sent.
                clock.set(next.get().minusSeconds(1));
                runDue();
                assertThat(endpoint.requests()).hasSize(attempt);
                clock.set(next.get());
            }
        }
        assertThat(due)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10),
                        Duration.ofHours(10));
        // The eighth failure failed the first message for good, and the second went out at once.
        var requests = endpoint.requests();
        assertThat(requests).hasSize(9);
        assertThat(requests.get(8).id()).isNotEqualTo(requests.get(0).id());
        var failed = storage().outbox().messages(ACME, id, MessageState.FAILED, 0, 10);
        assertThat(failed).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(requests.getFirst().id());
            assertThat(m.attempts()).isEqualTo(8);
        });
        var attempts = storage()
                .outbox()
                .attempts(ACME, id, failed.getFirst().id(), null, 20)
                .attempts();
        assertThat(attempts).hasSize(8).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.REJECTED);
            assertThat(a.response()).isEqualTo("status 503");
        });
        assertThat(storage().outbox().failingSince(ACME, id)).contains(T0);
    }

    @Test
    void aRetryAfterOnA429IsHonouredAndTimeoutsAreRetried() {
        wire();
        var made = subscriptions.create(ACME, "https://hooks.example/a", "", null, null);
        append("deploy.finished", 2);
        queue();
        endpoint.then(ScriptedSender.tooMany(Duration.ofSeconds(120)), ScriptedSender.timeout());

        assertThat(runDue()).contains(T0.plusSeconds(120)); // not the schedule's 5 s
        clock.set(T0.plusSeconds(119));
        runDue();
        assertThat(endpoint.requests()).hasSize(1);
        clock.set(T0.plusSeconds(120));
        assertThat(runDue()).contains(T0.plusSeconds(120 + 5 * 60)); // the timeout: third step of the schedule
        clock.set(T0.plusSeconds(120 + 5 * 60));
        assertThat(runDue()).isEmpty();
        var requests = endpoint.requests();
        assertThat(requests).hasSize(4);
        assertThat(requests.subList(0, 3))
                .extracting(ScriptedSender.Request::id)
                .containsOnly(requests.getFirst().id());
        assertThat(storage().outbox().failingSince(ACME, made.subscription().id()))
                .isEmpty();
        var attempts = storage()
                .outbox()
                .attempts(ACME, made.subscription().id(), null, null, 10)
                .attempts();
        assertThat(attempts)
                .extracting(a -> a.outcome())
                .containsExactly(
                        AttemptOutcome.DELIVERED,
                        AttemptOutcome.DELIVERED,
                        AttemptOutcome.TIMEOUT,
                        AttemptOutcome.REJECTED);
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndTheLogSaysSo() {
        wire();
        var made = subscriptions.create(ACME, "https://hooks.example/path?token=abc", "ops bridge", null, null);
        String id = made.subscription().id();
        append("deploy.finished", 10);
        queue();
        endpoint.otherwise(r -> ScriptedSender.status(500));
        long before = storage().eventLog().lastSeq(ACME);

        Optional<Instant> next = runDue();
        while (next.isPresent()) {
            clock.set(next.get());
            next = runDue();
        }
        var subscription = subscriptions.find(ACME, id).orElseThrow();
        assertThat(subscription.active()).isFalse();
        assertThat(subscription.disabledReason()).contains("HTTP 500");
        Instant disabledAt = subscription.disabledAt();
        assertThat(Duration.between(T0, disabledAt)).isGreaterThanOrEqualTo(SubscriptionDelivery.DISABLE_AFTER);
        // Each message took the whole schedule (about 27.5 hours): five days is the fifth message.
        assertThat(storage().outbox().messages(ACME, id, MessageState.FAILED, 0, 100))
                .hasSize(4);

        var logged = storage()
                .eventLog()
                .read(ACME, EventQuery.all(10).after(before))
                .events();
        assertThat(logged).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SubscriptionDisabled.TYPE);
            assertThat(e.source()).isEqualTo("lightfast");
            assertThat(e.attributes()).containsEntry("subscriptionId", id).containsEntry("host", "hooks.example");
            assertThat(e.title() + e.body()).doesNotContain("token=abc");
        });
        // Disabled: nothing more is sent, and messages still queue.
        int sent = endpoint.requests().size();
        append("deploy.finished", 1);
        queue();
        clock.advance(Duration.ofDays(1));
        assertThat(runDue()).isEmpty();
        assertThat(endpoint.requests()).hasSize(sent);

        // Enabled again, with an endpoint that works: the queue drains in order.
        endpoint.otherwise(r -> ScriptedSender.ok());
        subscriptions.change(ACME, id, subscription.url(), subscription.description(), null, null, false);
        assertThat(runDue()).isEmpty();
        assertThat(storage().outbox().pending(ACME, id, 100)).isEmpty();
        var ids = endpoint.requests().subList(sent, endpoint.requests().size()).stream()
                .map(ScriptedSender.Request::id)
                .toList();
        var delivered = storage().outbox().messages(ACME, id, MessageState.DELIVERED, 0, 100).stream()
                .map(QueuedMessage::id)
                .toList();
        assertThat(ids).isEqualTo(delivered);
        assertThat(delivered).hasSize(8); // the sixth to tenth, the log's note of the disabling, the last
    }

    @Test
    void duringARotationBothSecretsSignAndAfterADayOnlyTheNewOne() {
        wire();
        var made = subscriptions.create(ACME, "https://hooks.example/a", "", null, null);
        String id = made.subscription().id();
        clock.advance(Duration.ofHours(1));
        var rotated = subscriptions.rotate(ACME, id).orElseThrow();
        assertThat(rotated.previousUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        append("deploy.finished", 1);
        queue();
        runDue();
        clock.advance(Duration.ofHours(24));
        append("deploy.finished", 1);
        queue();
        runDue();

        var requests = endpoint.requests();
        assertThat(requests).hasSize(2);
        assertThat(signatures(requests.get(0)))
                .containsExactly(sign(rotated.secret(), requests.get(0)), sign(made.secret(), requests.get(0)));
        assertThat(signatures(requests.get(1))).containsExactly(sign(rotated.secret(), requests.get(1)));
    }

    private static List<String> signatures(ScriptedSender.Request r) {
        return List.of(r.headers().get("webhook-signature").split(" "));
    }

    private static String sign(SigningSecret secret, ScriptedSender.Request r) {
        return "v1,"
                + WebhookSignature.sign(
                        secret, r.id(), Long.parseLong(r.headers().get("webhook-timestamp")), r.body());
    }

    @Test
    void aTestMessageAndAReplayGoOutWithTheirIds() {
        wire();
        var made = subscriptions.create(ACME, "https://hooks.example/a", "", null, null);
        String id = made.subscription().id();
        append("deploy.finished", 2);
        queue();
        runDue();
        var test = subscriptions.test(ACME, id).orElseThrow();
        runDue();
        var first = endpoint.requests().getFirst().id();
        assertThat(subscriptions.replay(ACME, id, first)).contains(1);
        runDue();

        var requests = endpoint.requests();
        assertThat(requests).extracting(ScriptedSender.Request::id).hasSize(4).endsWith(test.id(), first);
        JsonNode body = Json.MAPPER.readTree(requests.get(2).body());
        assertThat(body.get("type").stringValue()).isEqualTo("lightfast.subscription.test");
        assertThat(body.get("data").get("subscriptionId").stringValue()).isEqualTo(id);
        assertThat(subscriptions.replay(ACME, id, "msg_nope")).isEmpty();
        assertThat(subscriptions.test(ACME, "sub_nope")).isEmpty();
    }
}
