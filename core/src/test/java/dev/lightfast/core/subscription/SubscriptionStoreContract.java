package dev.lightfast.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Ids;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every store of subscriptions and their outbox must do ({@link SubscriptionStore}, {@link
 * Outbox}). Each store's test extends this with a fresh, empty storage per test.
 */
public abstract class SubscriptionStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** An empty storage, the same instance for the whole test method. */
    protected abstract Storage storage();

    private SubscriptionStore subscriptions() {
        return storage().subscriptions();
    }

    private Outbox outbox() {
        return storage().outbox();
    }

    private void tenant(TenantId id) {
        if (storage().tenants().find(id).isEmpty()) {
            storage()
                    .tenants()
                    .create(
                            new Tenant(id, id.value(), T0),
                            ApiKeys.issue(id, T0).stored());
        }
    }

    private Subscription subscribe(TenantId tenant, String id, SubscriptionFilter filter) {
        tenant(tenant);
        var s = new Subscription(
                id, tenant, "https://hooks.example/" + id, "for " + id, filter, null, T0, T0, null, null);
        return subscriptions().create(s, new SealedKeys("sealed-" + id, null, null), Map.of("events", 0L));
    }

    private static NewMessage message(long sourcePosition) {
        return new NewMessage(
                Ids.prefixed("msg"),
                sourcePosition,
                "github.push",
                ("{\"n\":" + sourcePosition + "}").getBytes(StandardCharsets.UTF_8),
                T0.plusSeconds(sourcePosition));
    }

    private static List<NewMessage> messages(long from, long to) {
        var out = new ArrayList<NewMessage>();
        for (long p = from; p <= to; p++) {
            out.add(message(p));
        }
        return out;
    }

    @Test
    void aSubscriptionReadsBackAsMadeWithItsSealedSecret() {
        var filter = new SubscriptionFilter(
                List.of("github.pull_request.*"),
                List.of("github"),
                List.of("github:acme/shop"),
                true,
                new SubscriptionFilter.Violations(List.of("rul_1"), List.of("high")));
        var made = subscribe(ACME, "sub_a", filter);
        assertThat(subscriptions().find(ACME, "sub_a")).contains(made);
        assertThat(made.filter()).isEqualTo(filter);
        assertThat(made.createdAt()).isEqualTo(T0);
        assertThat(made.active()).isTrue();
        assertThat(subscriptions().keys(ACME, "sub_a")).contains(new SealedKeys("sealed-sub_a", null, null));
    }

    @Test
    void aTenantSeesOnlyItsOwnSubscriptionsAndOutbox() {
        subscribe(ACME, "sub_b", SubscriptionFilter.EVERY_EVENT);
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        subscribe(GLOBEX, "sub_g", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(GLOBEX, "events", 3, Map.of("sub_g", 0L), Map.of("sub_g", messages(1, 3)));

        assertThat(subscriptions().list(ACME)).extracting(Subscription::id).containsExactly("sub_a", "sub_b");
        assertThat(subscriptions().find(ACME, "sub_g")).isEmpty();
        assertThat(subscriptions().keys(ACME, "sub_g")).isEmpty();
        assertThat(subscriptions().delete(ACME, "sub_g")).isFalse();
        assertThat(outbox().cursors(ACME, "events")).containsOnlyKeys("sub_a", "sub_b");
        assertThat(outbox().pending(ACME, "sub_g", 10)).isEmpty();
        assertThat(outbox().claim(ACME, "srv_1", T0, T0.plus(LEASE), 10)).isEmpty();
        assertThat(outbox().claim(GLOBEX, "srv_1", T0, T0.plus(LEASE), 10)).containsExactly("sub_g");
        assertThat(subscriptions().find(GLOBEX, "sub_g")).isPresent();
    }

    @Test
    void changesReplaceTheSettingsAndEnablingEndsTheFailingStreak() {
        var made = subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().record(ACME, "sub_a", List.of(), T0);
        var disabled = made.changed(
                        "https://other.example/x", "new", SubscriptionFilter.EVERY_EVENT, 5, T0.plusSeconds(9))
                .disabled(T0.plusSeconds(9), "failing");
        assertThat(subscriptions().update(disabled)).isTrue();
        assertThat(subscriptions().find(ACME, "sub_a")).contains(disabled);
        assertThat(outbox().failingSince(ACME, "sub_a")).contains(T0);

        assertThat(subscriptions().update(disabled.enabled(T0.plusSeconds(10)))).isTrue();
        assertThat(subscriptions().find(ACME, "sub_a").orElseThrow().active()).isTrue();
        assertThat(outbox().failingSince(ACME, "sub_a")).isEmpty();
        assertThat(subscriptions()
                        .update(disabled.changed("https://x.example", "", null, null, T0)
                                .enabled(T0)
                                .changed("https://x.example", "", null, null, T0)))
                .isTrue();
        assertThat(subscriptions()
                        .update(new Subscription(
                                "sub_nope", ACME, "https://x.example", "", null, null, T0, T0, null, null)))
                .isFalse();
    }

    @Test
    void aRotationKeepsThePreviousSecretWithItsEnd() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        var rotated = new SealedKeys("sealed-new", "sealed-sub_a", T0.plus(Duration.ofHours(24)));
        assertThat(subscriptions().rotate(ACME, "sub_a", rotated)).isTrue();
        assertThat(subscriptions().keys(ACME, "sub_a")).contains(rotated);
        assertThat(subscriptions().rotate(ACME, "sub_nope", rotated)).isFalse();
    }

    @Test
    void deletingASubscriptionRemovesItsOutbox() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(ACME, "events", 2, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 2)));
        assertThat(subscriptions().delete(ACME, "sub_a")).isTrue();
        assertThat(subscriptions().find(ACME, "sub_a")).isEmpty();
        assertThat(outbox().pending(ACME, "sub_a", 10)).isEmpty();
        assertThat(outbox().cursors(ACME, "events")).isEmpty();
        assertThat(outbox().claim(ACME, "srv_1", T0, T0.plus(LEASE), 10)).isEmpty();
    }

    @Test
    void queueingKeepsSourceOrderAndMovesTheCursorOnce() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        subscribe(ACME, "sub_b", SubscriptionFilter.EVERY_EVENT);
        int advanced = outbox().enqueue(
                        ACME,
                        "events",
                        3,
                        Map.of("sub_a", 0L, "sub_b", 0L),
                        Map.of("sub_a", messages(1, 3), "sub_b", List.of(message(2))));
        assertThat(advanced).isEqualTo(2);
        // A second server that read the same cursors queues nothing again.
        assertThat(outbox().enqueue(ACME, "events", 3, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 3))))
                .isZero();
        assertThat(outbox().cursors(ACME, "events")).containsEntry("sub_a", 3L).containsEntry("sub_b", 3L);
        var pending = outbox().pending(ACME, "sub_a", 10);
        assertThat(pending).extracting(QueuedMessage::sourcePosition).containsExactly(1L, 2L, 3L);
        assertThat(pending).extracting(QueuedMessage::position).containsExactly(1L, 2L, 3L);
        assertThat(pending).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(MessageState.PENDING);
            assertThat(m.attempts()).isZero();
            assertThat(m.nextAttemptAt()).isNull();
        });
        assertThat(new String(pending.getFirst().body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":1}");
        assertThat(outbox().pending(ACME, "sub_b", 10))
                .extracting(QueuedMessage::sourcePosition)
                .containsExactly(2L);

        // A message added by hand goes to the end of the queue.
        var test = outbox().add(
                        ACME,
                        "sub_b",
                        "test",
                        new NewMessage(
                                "msg_test",
                                null,
                                "lightfast.subscription.test",
                                "{}".getBytes(StandardCharsets.UTF_8),
                                T0));
        assertThat(test.position()).isEqualTo(2);
        assertThat(test.sourcePosition()).isNull();
        assertThat(outbox().message(ACME, "sub_b", "msg_test")).isPresent();
    }

    @Test
    void aCursorStartsOnceForANewSource() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().startCursor(ACME, "sub_a", "violations", 7);
        outbox().startCursor(ACME, "sub_a", "violations", 9);
        outbox().startCursor(ACME, "sub_gone", "violations", 9);
        assertThat(outbox().cursors(ACME, "violations")).isEqualTo(Map.of("sub_a", 7L));
    }

    @Test
    void aQueueIsLeasedToOneHolderUntilReleasedOrRunOut() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        subscribe(ACME, "sub_idle", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(ACME, "events", 1, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 1)));

        assertThat(outbox().claim(ACME, "srv_1", T0, T0.plus(LEASE), 10)).containsExactly("sub_a");
        assertThat(outbox().claim(ACME, "srv_2", T0.plusSeconds(1), T0.plus(LEASE), 10))
                .isEmpty();
        // Held means held, by its own holder too: a queue being worked is not claimed again.
        assertThat(outbox().claim(ACME, "srv_1", T0.plusSeconds(1), T0.plus(LEASE), 10))
                .isEmpty();
        assertThat(outbox().renew(ACME, "sub_a", "srv_2", T0.plusSeconds(60))).isFalse();
        assertThat(outbox().renew(ACME, "sub_a", "srv_1", T0.plusSeconds(60))).isTrue();
        assertThat(outbox().claim(ACME, "srv_2", T0.plusSeconds(59), T0.plusSeconds(90), 10))
                .isEmpty();
        // Its holder stopped renewing: the lease runs out and another takes it over.
        assertThat(outbox().claim(ACME, "srv_2", T0.plusSeconds(61), T0.plusSeconds(91), 10))
                .containsExactly("sub_a");
        assertThat(outbox().renew(ACME, "sub_a", "srv_1", T0.plusSeconds(120))).isFalse();
        outbox().release(ACME, "sub_a", "srv_1"); // not its lease any more: nothing happens
        assertThat(outbox().claim(ACME, "srv_3", T0.plusSeconds(62), T0.plusSeconds(92), 10))
                .isEmpty();
        outbox().release(ACME, "sub_a", "srv_2");
        assertThat(outbox().claim(ACME, "srv_3", T0.plusSeconds(62), T0.plusSeconds(92), 10))
                .containsExactly("sub_a");
    }

    @Test
    void onlyADueHeadOfAnEnabledSubscriptionIsClaimed() {
        var made = subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(ACME, "events", 2, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 2)));
        var head = outbox().pending(ACME, "sub_a", 1).getFirst();
        outbox().record(ACME, "sub_a", List.of(failed(head, 1, T0.plusSeconds(5))), T0);

        assertThat(outbox().claim(ACME, "srv_1", T0.plusSeconds(4), T0.plusSeconds(30), 10))
                .isEmpty();
        assertThat(outbox().claim(ACME, "srv_1", T0.plusSeconds(5), T0.plusSeconds(30), 10))
                .containsExactly("sub_a");
        outbox().release(ACME, "sub_a", "srv_1");

        subscriptions().update(made.disabled(T0, "by hand"));
        assertThat(outbox().claim(ACME, "srv_1", T0.plusSeconds(6), T0.plusSeconds(30), 10))
                .isEmpty();
    }

    private static Delivered failed(QueuedMessage m, int attempts, Instant next) {
        return new Delivered(
                m.position(),
                new Attempt(
                        Ids.prefixed("att"), m.id(), m.position(), T0, 500, AttemptOutcome.REJECTED, 3, "oops", null),
                MessageState.PENDING,
                attempts,
                next);
    }

    private static Delivered delivered(QueuedMessage m, Instant at, int attempts) {
        return new Delivered(
                m.position(),
                new Attempt(Ids.prefixed("att"), m.id(), m.position(), at, 204, AttemptOutcome.DELIVERED, 2, "", null),
                MessageState.DELIVERED,
                attempts,
                null);
    }

    @Test
    void attemptsAreRecordedWithTheStateTheyLeftAndReadNewestFirst() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(ACME, "events", 3, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 3)));
        var queue = outbox().pending(ACME, "sub_a", 10);
        outbox().record(ACME, "sub_a", List.of(failed(queue.get(0), 1, T0.plusSeconds(5))), T0);
        outbox().record(
                        ACME,
                        "sub_a",
                        List.of(
                                delivered(queue.get(0), T0.plusSeconds(5), 2),
                                delivered(queue.get(1), T0.plusSeconds(6), 1)),
                        null);

        assertThat(outbox().pending(ACME, "sub_a", 10))
                .extracting(QueuedMessage::sourcePosition)
                .containsExactly(3L);
        var first = outbox().message(ACME, "sub_a", queue.get(0).id()).orElseThrow();
        assertThat(first.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(first.deliveredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(outbox().failingSince(ACME, "sub_a")).isEmpty();

        var page = outbox().attempts(ACME, "sub_a", null, null, 2);
        assertThat(page.attempts()).hasSize(2);
        assertThat(page.attempts().getFirst().messageId())
                .isEqualTo(queue.get(1).id());
        var rest = outbox().attempts(ACME, "sub_a", null, page.next(), 2);
        assertThat(rest.attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.REJECTED);
            assertThat(a.response()).isEqualTo("oops");
            assertThat(a.latencyMillis()).isEqualTo(3);
        });
        assertThat(rest.next()).isNull();
        assertThat(outbox().attempts(ACME, "sub_a", queue.get(0).id(), null, 10).attempts())
                .hasSize(2);

        var stats = outbox().stats(ACME, "sub_a");
        assertThat(stats.pending()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.failed()).isZero();
        assertThat(stats.lastAttemptAt()).isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void aReplayQueuesMessagesAgainInTheirPlace() {
        subscribe(ACME, "sub_a", SubscriptionFilter.EVERY_EVENT);
        outbox().enqueue(ACME, "events", 4, Map.of("sub_a", 0L), Map.of("sub_a", messages(1, 4)));
        var queue = outbox().pending(ACME, "sub_a", 10);
        outbox().record(
                        ACME,
                        "sub_a",
                        List.of(
                                delivered(queue.get(0), T0, 1),
                                delivered(queue.get(1), T0, 1),
                                new Delivered(
                                        queue.get(2).position(),
                                        failed(queue.get(2), 8, null).attempt(),
                                        MessageState.FAILED,
                                        8,
                                        null)),
                        null);
        assertThat(outbox().messages(ACME, "sub_a", MessageState.FAILED, 0, 10))
                .extracting(QueuedMessage::id)
                .containsExactly(queue.get(2).id());

        assertThat(outbox().replay(ACME, "sub_a", queue.get(1).id(), T0.plusSeconds(100)))
                .isEqualTo(1);
        assertThat(outbox().replay(ACME, "sub_a", queue.get(3).id(), T0.plusSeconds(100)))
                .isZero(); // still pending
        var pending = outbox().pending(ACME, "sub_a", 10);
        assertThat(pending)
                .extracting(QueuedMessage::id)
                .containsExactly(queue.get(1).id(), queue.get(3).id());
        assertThat(pending.getFirst().attempts()).isZero();
        assertThat(pending.getFirst().nextAttemptAt()).isEqualTo(T0.plusSeconds(100));

        // By time: message n has the timestamp T0+n, so [T0+1, T0+4) holds messages 1 to 3.
        assertThat(outbox().replay(ACME, "sub_a", T0.plusSeconds(1), T0.plusSeconds(4), T0.plusSeconds(200)))
                .isEqualTo(2); // the delivered first and the failed third; the second is pending already
        assertThat(outbox().pending(ACME, "sub_a", 10))
                .extracting(QueuedMessage::sourcePosition)
                .containsExactly(1L, 2L, 3L, 4L);
    }
}
