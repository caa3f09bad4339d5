package dev.lightfast.core.outbound;

import dev.lightfast.core.event.Ids;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.subscription.EventMessages;
import dev.lightfast.core.subscription.MessageSource;
import dev.lightfast.core.subscription.NewMessage;
import dev.lightfast.core.subscription.OutboundMessage;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.Subscription;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * The outbox as a projection of a message source (the log, or later the violations): it follows the
 * source in batches and queues, for every subscription whose filter accepts a message, that message
 * at the end of the subscription's queue, in the source's order. Each subscription has its own
 * cursor, so one made later starts where the source was then, and a batch is queued for a
 * subscription only by the server that moves its cursor (several may follow one PostgreSQL).
 *
 * <p>Its checkpoint, in {@code GET /v1/projections}, is the least cursor of the tenant's
 * subscriptions: every message up to it is queued for every subscription. It is never rebuilt:
 * what was queued was sent, and forgetting it would send it all again.
 */
public final class OutboxProjection implements Projection {
    private static final int BATCH = 500;

    private final MessageSource source;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final Runnable queued;

    /**
     * @param queued told when messages were queued, so that delivery starts at once rather than at
     *     its next poll
     */
    public OutboxProjection(MessageSource source, SubscriptionStore subscriptions, Outbox outbox, Runnable queued) {
        this.source = source;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.queued = queued;
    }

    /** {@code outbox} for the log's events, {@code outbox-<source>} for another source. */
    @Override
    public String name() {
        return source.name().equals(EventMessages.NAME) ? "outbox" : "outbox-" + source.name();
    }

    public MessageSource source() {
        return source;
    }

    @Override
    public long checkpoint(TenantId tenant) {
        var cursors = outbox.cursors(tenant, source.name());
        return cursors.isEmpty()
                ? source.last(tenant)
                : cursors.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** Queues the next batch for the subscriptions that are furthest behind; answers how many messages it read. */
    @Override
    public int catchUp(TenantId tenant) {
        List<Subscription> subs = subscriptions.list(tenant);
        if (subs.isEmpty()) {
            return 0;
        }
        var cursors = new HashMap<>(outbox.cursors(tenant, source.name()));
        for (Subscription s : subs) {
            if (!cursors.containsKey(s.id())) {
                // A source added after the subscription was made: it starts where the source is now.
                outbox.startCursor(tenant, s.id(), source.name(), source.last(tenant));
                cursors = new HashMap<>(outbox.cursors(tenant, source.name()));
            }
        }
        long from = Long.MAX_VALUE;
        for (Subscription s : subs) {
            Long c = cursors.get(s.id());
            if (c != null) {
                from = Math.min(from, c);
            }
        }
        if (from == Long.MAX_VALUE) {
            return 0;
        }
        List<? extends OutboundMessage> batch = source.after(tenant, from, BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        long through = batch.getLast().position();
        var expected = new HashMap<String, Long>();
        var messages = new HashMap<String, List<NewMessage>>();
        var bodies = new HashMap<Long, byte[]>();
        for (Subscription s : subs) {
            Long cursor = cursors.get(s.id());
            if (cursor == null || cursor >= through) {
                continue; // made after this batch: it starts beyond it
            }
            expected.put(s.id(), cursor);
            Predicate<OutboundMessage> accepts = s.filter().matcher();
            var queue = new ArrayList<NewMessage>();
            for (OutboundMessage m : batch) {
                if (m.position() > cursor && accepts.test(m)) {
                    byte[] body = bodies.computeIfAbsent(m.position(), p -> m.body());
                    queue.add(new NewMessage(Ids.prefixed("msg"), m.position(), m.type(), body, m.timestamp()));
                }
            }
            messages.put(s.id(), queue);
        }
        if (expected.isEmpty()) {
            return 0;
        }
        int advanced = outbox.enqueue(tenant, source.name(), through, expected, messages);
        if (advanced > 0 && messages.values().stream().anyMatch(q -> !q.isEmpty())) {
            queued.run();
        }
        return advanced > 0 ? batch.size() : 0;
    }

    /** Nothing to forget: what was queued was sent. A rebuild never sends the log again. */
    @Override
    public void reset(TenantId tenant) {}

    /** The source's last position, for how far behind the outbox is. */
    public long last(TenantId tenant) {
        return source.last(tenant);
    }
}
