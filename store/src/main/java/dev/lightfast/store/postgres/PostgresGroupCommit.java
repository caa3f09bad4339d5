package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writers that share commits. Callers queue their deliveries in their tenant's lane and wait. A
 * lane has at most one transaction in flight in this process: while it commits, the tenant's next
 * deliveries gather, and the next transaction takes all of them ({@link AppendBatch}), so one
 * commit, one WAL flush and one turn on the tenant's seq lock serve every delivery that arrived
 * meanwhile. Different tenants' lanes are written in parallel, up to the number of writers, and
 * take turns on them: a busy tenant cannot starve a quiet one. A caller's deliveries stay together
 * and in order.
 *
 * <p>A batch that repeated an idempotency key it assumed new is written again looking keys up. A
 * batch that fails otherwise is tried again delivery by delivery, so a bad delivery fails alone and
 * never takes the others with it.
 */
final class PostgresGroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresGroupCommit.class);
    /** Most deliveries in one transaction: large enough to share a flush, small enough to keep turns short. */
    static final int MAX_BATCH = 256;

    /** One caller's deliveries, written together. */
    private record Request(List<PendingDelivery> deliveries) {}

    /** A tenant's queued requests; {@code scheduled} while a writer has it or is about to. */
    private static final class Lane {
        final TenantId tenant;
        final ArrayDeque<Request> queued = new ArrayDeque<>();
        boolean scheduled;

        Lane(TenantId tenant) {
            this.tenant = tenant;
        }
    }

    private final TenantScope scope;
    private final ExecutorService writers;
    private final Map<TenantId, Lane> lanes = new HashMap<>();
    /** Lanes scheduled or being written; close waits for them to drain. */
    private final AtomicInteger busyLanes = new AtomicInteger();

    private boolean closed;

    PostgresGroupCommit(TenantScope scope, int writerCount) {
        this.scope = scope;
        var names = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(
                writerCount,
                r -> Thread.ofPlatform()
                        .name("pg-event-log-writer-" + names.getAndIncrement())
                        .unstarted(r));
    }

    /** Queues a caller's deliveries; each future completes once its delivery is durable (or refused). */
    List<CompletableFuture<Appended>> submit(TenantId tenant, List<IncomingDelivery> deliveries) {
        var pending =
                deliveries.stream().map(d -> PendingDelivery.of(tenant, d)).toList();
        var futures = pending.stream().map(PendingDelivery::result).toList();
        Lane toSchedule = null;
        synchronized (this) {
            if (closed) {
                fail(pending, new IllegalStateException("the event log is closed"));
                return futures;
            }
            var lane = lanes.computeIfAbsent(tenant, Lane::new);
            lane.queued.add(new Request(pending));
            if (!lane.scheduled) {
                lane.scheduled = true;
                busyLanes.incrementAndGet();
                toSchedule = lane;
            }
        }
        if (toSchedule != null) {
            schedule(toSchedule);
        }
        return futures;
    }

    private void schedule(Lane lane) {
        writers.execute(() -> writeNext(lane));
    }

    /** Writes what the lane has gathered, then gives the writer to the next lane in line. */
    private void writeNext(Lane lane) {
        var batch = new ArrayList<PendingDelivery>();
        synchronized (this) {
            Request next;
            while ((next = lane.queued.peek()) != null
                    && (batch.isEmpty() || batch.size() + next.deliveries().size() <= MAX_BATCH)) {
                batch.addAll(lane.queued.poll().deliveries());
            }
        }
        try {
            write(lane.tenant, batch, AppendBatch.Keys.ASSUME_NEW);
        } catch (RuntimeException e) {
            LOG.error("event log writer failed", e);
            fail(batch, e);
        } finally {
            boolean more;
            synchronized (this) {
                more = !lane.queued.isEmpty();
                if (!more) {
                    lane.scheduled = false;
                    lanes.remove(lane.tenant);
                    busyLanes.decrementAndGet();
                    notifyAll();
                }
            }
            if (more) {
                schedule(lane); // to the back of the line: other tenants' lanes go first
            }
        }
    }

    private void write(TenantId tenant, List<PendingDelivery> batch, AppendBatch.Keys keys) {
        try {
            var outcomes = scope.inTenant(
                    tenant,
                    "appending " + batch.size() + " deliveries for tenant " + tenant,
                    c -> AppendBatch.write(c, tenant, batch, keys));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (keys == AppendBatch.Keys.ASSUME_NEW && AppendBatch.repeatsAKey(e)) {
                write(tenant, batch, AppendBatch.Keys.LOOK_UP);
            } else if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(e);
            } else {
                LOG.warn(
                        "a batch of {} deliveries for tenant {} failed ({}); writing each alone",
                        batch.size(),
                        tenant,
                        e.getMessage());
                for (var p : batch) {
                    write(tenant, List.of(p), keys);
                }
            }
        }
    }

    private static void fail(List<PendingDelivery> pending, RuntimeException e) {
        pending.forEach(p -> p.result().completeExceptionally(e));
    }

    /** Stops taking deliveries, writes every one already queued, then stops the writers. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            try {
                while (busyLanes.get() > 0) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.shutdown();
        try {
            writers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
