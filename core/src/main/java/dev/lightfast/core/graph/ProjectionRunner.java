package dev.lightfast.core.graph;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.progress.ProgressReport;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the projections (graph, search index) following every tenant's log, off the request path:
 * one background thread per projection catches each tenant up, then sleeps until woken by an
 * append or a short poll interval passes. Readers that need their own writes reflected wait with
 * {@link #awaitCaughtUp}.
 */
public final class ProjectionRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());
    private static final long POLL_MS = 200;
    /** How far behind a projection must be for its catch-up to be reported. */
    private static final long REPORT_WHEN_BEHIND = 5_000;

    private final TenantStore tenants;
    private final EventLog log;
    private final List<Projection> projections;
    private final List<Thread> threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean running = true;
    private long generation;

    public ProjectionRunner(TenantStore tenants, EventLog log, List<Projection> projections) {
        this.tenants = tenants;
        this.log = log;
        this.projections = List.copyOf(projections);
        this.threads = this.projections.stream()
                .map(p -> Thread.ofPlatform()
                        .daemon()
                        .name("projection-" + p.name())
                        .unstarted(() -> follow(p)))
                .toList();
    }

    public ProjectionRunner start() {
        threads.forEach(Thread::start);
        return this;
    }

    public List<Projection> projections() {
        return projections;
    }

    /** New events were appended: projections should look now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every projection has applied the tenant's log up to {@code seq}.
     *
     * @return whether they did within the timeout
     */
    public boolean awaitCaughtUp(TenantId tenant, long seq, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        wake();
        while (true) {
            boolean all = projections.stream().allMatch(p -> p.checkpoint(tenant) >= seq);
            if (all) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            lock.lock();
            try {
                changed.await(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 20), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until every projection has caught up with the tenant's log as it is now. */
    public boolean awaitCaughtUp(TenantId tenant, Duration timeout) {
        return awaitCaughtUp(tenant, log.lastSeq(tenant), timeout);
    }

    private void follow(Projection projection) {
        while (running) {
            long seen;
            lock.lock();
            try {
                seen = generation;
            } finally {
                lock.unlock();
            }
            boolean worked = false;
            try {
                for (Tenant t : tenants.list()) {
                    worked |= catchUp(projection, t.id());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "projection " + projection.name() + " failed; retrying", e);
                sleep(1_000);
            }
            lock.lock();
            try {
                if (worked) {
                    changed.signalAll(); // readers waiting in awaitCaughtUp
                }
                if (running && !worked && generation == seen) {
                    changed.await(POLL_MS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Brings one tenant's projection up to the end of its log. A projection far behind (a server
     * starting on a large log, a new index) says how far it is every few seconds, since that can take
     * minutes to hours.
     */
    private boolean catchUp(Projection projection, TenantId tenant) {
        long from = projection.checkpoint(tenant);
        long behind = log.lastSeq(tenant) - from;
        Progress progress = null;
        ProgressReport report = ProgressReport.SILENT;
        if (behind >= REPORT_WHEN_BEHIND) {
            progress = new Progress(projection.name() + " catching up for tenant " + tenant.value(), "events", behind);
            report = ProgressReport.everySeconds(5, line -> LOG.log(System.Logger.Level.INFO, line));
        }
        boolean worked = false;
        for (int n; running && (n = projection.catchUp(tenant)) > 0; ) {
            worked = true;
            if (progress != null) {
                progress.advance(n);
                progress.total(log.lastSeq(tenant) - from);
                report.update(progress);
            }
        }
        if (progress != null) {
            report.finish(progress);
        }
        return worked;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following; a batch in progress finishes (each is one transaction). */
    @Override
    public void close() {
        running = false;
        wake();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
