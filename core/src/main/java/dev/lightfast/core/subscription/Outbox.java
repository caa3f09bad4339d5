package dev.lightfast.core.subscription;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every subscription's queue of outbound messages, durable, walled by tenant. Messages are queued
 * by following the message sources with a cursor per subscription and source, and go out in
 * queue order. Several servers may share one outbox (PostgreSQL): queueing moves cursors only from
 * the position it read them at, and a subscription's queue is worked by one server at a time, the
 * holder of its lease.
 */
public interface Outbox {

    /** Each subscription's cursor in a source: the position after which it has not been queued. */
    Map<String, Long> cursors(TenantId tenant, String source);

    /**
     * Starts the cursor of a subscription that has none in this source (a source added after it was
     * made) at {@code position}; a cursor already there stays.
     */
    void startCursor(TenantId tenant, String subscriptionId, String source, long position);

    /**
     * Queues a batch read from a source: for each subscription whose cursor is still {@code
     * expected} (nobody queued this batch meanwhile), its messages in order, and moves its cursor to
     * {@code through}. Subscriptions whose cursor moved, or that are being queued for by another
     * server right now, are left alone.
     *
     * @return how many subscriptions were advanced
     */
    int enqueue(
            TenantId tenant,
            String source,
            long through,
            Map<String, Long> expected,
            Map<String, List<NewMessage>> messages);

    /** Queues one message at the end of a subscription's queue, outside any source (a test). */
    QueuedMessage add(TenantId tenant, String subscriptionId, String source, NewMessage message);

    /**
     * Takes the lease of subscriptions whose next message is due at {@code now}: those not leased
     * (or whose lease has run out), and not disabled.
     *
     * @return their ids, at most {@code limit}, the longest due first
     */
    List<String> claim(TenantId tenant, String holder, Instant now, Instant until, int limit);

    /** Extends a lease this holder has; false when it has lost it. */
    boolean renew(TenantId tenant, String subscriptionId, String holder, Instant until);

    /** Gives a lease back. */
    void release(TenantId tenant, String subscriptionId, String holder);

    /** The first pending messages of a subscription's queue, in order (due or not). */
    List<QueuedMessage> pending(TenantId tenant, String subscriptionId, int limit);

    /**
     * Records attempts and the states they left their messages in, and the endpoint's failing
     * streak ({@code failingSince}: the first failure since the last success, null when the last
     * attempt succeeded), in one transaction.
     */
    void record(TenantId tenant, String subscriptionId, List<Delivered> results, Instant failingSince);

    /** When the endpoint started failing (nothing while its last attempt succeeded). */
    Optional<Instant> failingSince(TenantId tenant, String subscriptionId);

    Optional<QueuedMessage> message(TenantId tenant, String subscriptionId, String messageId);

    /** Messages in queue order after {@code afterPosition}, of one state or all (null). */
    List<QueuedMessage> messages(
            TenantId tenant, String subscriptionId, MessageState state, long afterPosition, int limit);

    /** Attempts newest first, of one message or all (null), before the attempt id {@code before} (null: the newest). */
    AttemptPage attempts(TenantId tenant, String subscriptionId, String messageId, String before, int limit);

    /**
     * Queues delivered or failed messages again, in their place in the queue, for a new round of the
     * schedule: the one with this id.
     *
     * @return how many were queued again (0 or 1; a pending one is already queued)
     */
    int replay(TenantId tenant, String subscriptionId, String messageId, Instant now);

    /** As {@link #replay(TenantId, String, String, Instant)}: those whose timestamp is in {@code [from, to)}. */
    int replay(TenantId tenant, String subscriptionId, Instant from, Instant to, Instant now);

    QueueStats stats(TenantId tenant, String subscriptionId);
}
