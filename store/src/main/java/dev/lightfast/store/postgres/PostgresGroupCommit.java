package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few writer threads that share commits. Callers queue their deliveries and wait; a writer takes
 * whatever has queued up, and writes each tenant's share in one transaction ({@link AppendBatch}),
 * so one commit, one WAL flush and one turn on the tenant's seq lock serve every delivery that
 * arrived meanwhile. A caller's deliveries stay together and in order.
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
  private record Request(TenantId tenant, List<PendingDelivery> deliveries) {}

  private final TenantScope scope;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;

  PostgresGroupCommit(TenantScope scope, int writerCount) {
    this.scope = scope;
    for (int i = 0; i < writerCount; i++) {
      writers.add(Thread.ofPlatform().name("pg-event-log-writer-" + i).start(this::run));
    }
  }

  /** Queues a caller's deliveries; each future completes once its delivery is durable (or refused). */
  List<CompletableFuture<Appended>> submit(TenantId tenant, List<IncomingDelivery> deliveries) {
    var pending = deliveries.stream().map(d -> PendingDelivery.of(tenant, d)).toList();
    var futures = pending.stream().map(PendingDelivery::result).toList();
    if (!running) {
      closed(pending);
      return futures;
    }
    var request = new Request(tenant, pending);
    queue.add(request);
    if (!running && queue.remove(request)) {
      closed(pending);
    }
    return futures;
  }

  private static void closed(List<PendingDelivery> pending) {
    pending.forEach(p -> p.result().completeExceptionally(new IllegalStateException("the event log is closed")));
  }

  private void run() {
    var taken = new ArrayList<Request>();
    while (running || !queue.isEmpty()) {
      try {
        Request first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        taken.add(first);
        int deliveries = first.deliveries().size();
        Request next;
        while (deliveries < MAX_BATCH && (next = queue.poll()) != null) {
          taken.add(next);
          deliveries += next.deliveries().size();
        }
        var byTenant = new LinkedHashMap<TenantId, List<PendingDelivery>>();
        for (var r : taken) {
          byTenant.computeIfAbsent(r.tenant(), t -> new ArrayList<>()).addAll(r.deliveries());
        }
        byTenant.forEach((tenant, batch) -> write(tenant, batch, AppendBatch.Keys.ASSUME_NEW));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("event log writer failed", e);
        taken.forEach(r -> r.deliveries().forEach(p -> p.result().completeExceptionally(e)));
      } finally {
        taken.clear();
      }
    }
  }

  private void write(TenantId tenant, List<PendingDelivery> batch, AppendBatch.Keys keys) {
    try {
      var outcomes = scope.inTenant(tenant, "appending " + batch.size() + " deliveries for tenant " + tenant,
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
        LOG.warn("a batch of {} deliveries for tenant {} failed ({}); writing each alone", batch.size(), tenant,
            e.getMessage());
        for (var p : batch) {
          write(tenant, List.of(p), keys);
        }
      }
    }
  }

  /** Stops taking deliveries, writes every one already queued, then returns. */
  @Override
  public void close() {
    running = false;
    for (var t : writers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Request left;
    while ((left = queue.poll()) != null) {
      closed(left.deliveries());
    }
  }
}
