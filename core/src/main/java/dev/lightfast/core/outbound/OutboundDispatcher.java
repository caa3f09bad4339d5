package dev.lightfast.core.outbound;

import dev.lightfast.core.event.Ids;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends every tenant's queued webhooks, off the request path. One thread looks for subscriptions
 * whose next message is due and takes their lease ({@link Outbox#claim}); each claimed
 * subscription is worked by a virtual thread of its own ({@link SubscriptionDelivery}), so a slow
 * or failing endpoint holds up only its own queue. It looks when woken (messages were queued) and
 * otherwise every {@link #POLL}, which is also how retries come due and how work queued by another
 * server on the same database is found.
 */
public final class OutboundDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboundDispatcher.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long a claimed queue is this server's without renewal; a server that dies loses it after this. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private static final int CLAIM = 100;
    /** A queue whose worker failed (the database, say) is left alone this long before being tried again here. */
    private static final long COOL_DOWN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final long STOP_WAIT_MS = 3_000;

    private final TenantStore tenants;
    private final Outbox outbox;
    private final SubscriptionDelivery delivery;
    private final String holder = Ids.prefixed("srv");
    private final Map<String, Thread> working = new ConcurrentHashMap<>();
    private final Map<String, Long> coolingDown = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread looker;
    private volatile boolean running = true;
    private boolean woken;

    public OutboundDispatcher(TenantStore tenants, Outbox outbox, SubscriptionDelivery delivery) {
        this.tenants = tenants;
        this.outbox = outbox;
        this.delivery = delivery;
        this.looker = Thread.ofPlatform().daemon().name("outbound-dispatcher").unstarted(this::look);
    }

    public OutboundDispatcher start() {
        looker.start();
        return this;
    }

    /** This server's name on the leases it holds. */
    public String holder() {
        return holder;
    }

    /** Messages were queued: look now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void look() {
        while (running) {
            try {
                for (Tenant t : tenants.list()) {
                    dispatch(t.id());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "looking for due webhooks failed; trying again", e);
            }
            lock.lock();
            try {
                if (running && !woken) {
                    changed.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Claims the tenant's due queues and starts a worker on each that has none here. */
    private void dispatch(TenantId tenant) {
        Instant now = delivery.clock().instant();
        for (String id : outbox.claim(tenant, holder, now, now.plus(LEASE), CLAIM)) {
            String key = tenant.value() + "/" + id;
            Long until = coolingDown.get(key);
            if (until != null && System.nanoTime() - until < 0) {
                continue;
            }
            coolingDown.remove(key);
            Thread worker = Thread.ofVirtual().name("outbound-" + id).unstarted(() -> work(tenant, id, key));
            if (working.putIfAbsent(key, worker) == null) {
                worker.start();
            }
        }
    }

    private void work(TenantId tenant, String id, String key) {
        try {
            delivery.deliver(tenant, id, holder, LEASE, () -> running);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "delivering webhooks of subscription " + id + " failed; will retry",
                    e);
            coolingDown.put(key, System.nanoTime() + COOL_DOWN_NANOS);
        } finally {
            try {
                outbox.release(tenant, id, holder);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "releasing the lease of " + id + " failed; it runs out by itself",
                        e);
            }
            working.remove(key);
            if (running) {
                wake(); // more may have been queued while it worked
            }
        }
    }

    /** Stops: workers finish the message they are sending; what they sent and did not record is sent again later. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            looker.join(STOP_WAIT_MS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
            for (Thread t : working.values()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    t.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
