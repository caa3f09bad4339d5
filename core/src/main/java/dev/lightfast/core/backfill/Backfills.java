package dev.lightfast.core.backfill;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.TenantId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts, runs, resumes and cancels backfill jobs. Each job runs on a virtual thread of its own: a
 * page is read, its deliveries appended to the log (which drops what it has already, by delivery
 * key and by event idempotency key), then the cursor saved. A crash between the two repeats one
 * page and adds nothing.
 */
public final class Backfills implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Backfills.class.getName());
    /** The header kept with a backfilled delivery, naming the job that read it. */
    public static final String JOB_HEADER = "x-lightfast-backfill";

    private final BackfillStore store;
    private final ConnectionStore connections;
    private final EventLog log;
    private final Map<String, HistoryReader> readers;
    private final SecretKeys keys;
    private final Clock clock;
    private final Map<String, Thread> runningHere = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Backfills(
            BackfillStore store,
            ConnectionStore connections,
            EventLog log,
            List<HistoryReader> readers,
            SecretKeys keys,
            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.log = log;
        var byProvider = new java.util.HashMap<String, HistoryReader>();
        for (var r : readers) {
            byProvider.put(r.provider(), r);
        }
        this.readers = Map.copyOf(byProvider);
        this.keys = keys;
        this.clock = clock;
    }

    public BackfillJob start(TenantId tenant, String connectionId, BackfillRequest request) {
        Connection connection = connection(tenant, connectionId);
        if (!readers.containsKey(connection.provider())) {
            throw new InvalidInput(
                    "backfill is not available for " + connection.provider() + " yet; it is for " + readers.keySet());
        }
        if (request.since() == null) {
            throw new InvalidInput("since is required: the earliest time to read the history from");
        }
        if (request.until() != null && !request.since().isBefore(request.until())) {
            throw new InvalidInput("since must be before until");
        }
        if (request.repositories() == null || request.repositories().isEmpty()) {
            throw new InvalidInput("repositories is required: the owner/name of each repository to read");
        }
        for (String repo : request.repositories()) {
            if (repo == null || !repo.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")) {
                throw new InvalidInput("each repository must be owner/name; got '" + repo + "'");
            }
        }
        if (request.token() == null || request.token().isBlank()) {
            // Checked before anything starts: without a token the tool refuses every page (GitHub
            // also allows anonymous reads, at 60 an hour: far too few for a history, and not the team's view).
            throw new InvalidInput("token is required: an API token of the tool that can read the history");
        }
        if (request.apiBase() != null && !request.apiBase().matches("https?://[^\\s]+")) {
            throw new InvalidInput("apiBase must be an http(s) URL");
        }
        Instant now = now();
        String id = Ids.prefixed("bf");
        var job = new BackfillJob(
                id,
                tenant,
                connectionId,
                connection.provider(),
                BackfillState.RUNNING,
                request.since(),
                request.until(),
                request.what(),
                request.repositories(),
                request.apiBase(),
                keys.seal(request.token(), owner(id)),
                null,
                0,
                null,
                0,
                0,
                null,
                now,
                now,
                null);
        job = store.create(job);
        launch(job);
        return job;
    }

    public Optional<Progress> status(TenantId tenant, String connectionId) {
        connection(tenant, connectionId);
        return store.latest(tenant, connectionId).map(j -> Progress.of(j, now()));
    }

    /** Stops the connection's running job; its events so far stay. */
    public Optional<Progress> cancel(TenantId tenant, String connectionId) {
        connection(tenant, connectionId);
        var job = store.latest(tenant, connectionId).filter(j -> j.state() == BackfillState.RUNNING);
        if (job.isEmpty()) {
            return status(tenant, connectionId);
        }
        Thread t = runningHere.get(key(job.get()));
        store.save(job.get().ended(BackfillState.CANCELLED, null, now()));
        if (t != null) {
            t.interrupt();
        }
        return status(tenant, connectionId);
    }

    /** Resumes the tenants' jobs that were running when the server stopped, from their cursors. */
    public int resume(Iterable<TenantId> tenants) {
        int n = 0;
        for (TenantId tenant : tenants) {
            for (BackfillJob job : store.running(tenant)) {
                if (!runningHere.containsKey(key(job))) {
                    launch(job);
                    n++;
                }
            }
        }
        return n;
    }

    /** Waits for the connection's job to end here (tests, the CLI). */
    public void await(TenantId tenant, String connectionId, java.time.Duration timeout) throws InterruptedException {
        var job = store.latest(tenant, connectionId);
        if (job.isEmpty()) {
            return;
        }
        Thread t = runningHere.get(key(job.get()));
        if (t != null) {
            t.join(timeout);
        }
    }

    private void launch(BackfillJob job) {
        String k = key(job);
        Thread t = Thread.ofVirtual().name("backfill-" + job.id()).unstarted(() -> {
            try {
                run(job);
            } finally {
                runningHere.remove(k);
            }
        });
        runningHere.put(k, t);
        t.start();
    }

    private void run(BackfillJob start) {
        BackfillJob job = start;
        var reader = readers.get(job.provider());
        String token = job.sealedToken() == null ? null : keys.open(job.sealedToken(), owner(job.id()));
        var request = new HistoryReader.Request(
                job.apiBase(), token, job.since(), job.until(), job.what(), job.repositories());
        try {
            while (!closed) {
                var page = reader.read(request, job.cursor(), now());
                if (Thread.currentThread().isInterrupted() || closed || cancelled(job)) {
                    return;
                }
                long added = 0;
                if (!page.objects().isEmpty()) {
                    Instant at = now();
                    var deliveries =
                            new ArrayList<IncomingDelivery>(page.objects().size());
                    for (var o : page.objects()) {
                        deliveries.add(new IncomingDelivery(
                                job.provider(),
                                job.connectionId(),
                                o.deliveryKey(),
                                o.eventName(),
                                Map.of(JOB_HEADER, job.id()),
                                o.body(),
                                at,
                                o.events()));
                    }
                    for (Appended a : log.append(job.tenant(), deliveries)) {
                        if (!a.duplicate()) {
                            added += a.events().stream()
                                    .filter(e -> e.observedAt().equals(at))
                                    .count();
                        }
                    }
                }
                job = job.progressed(
                        page.nextCursor() == null ? job.cursor() : page.nextCursor(),
                        page.objects().size(),
                        page.total(),
                        added,
                        page.retries(),
                        now());
                if (page.nextCursor() == null) {
                    store.save(job.ended(BackfillState.DONE, null, now()));
                    return;
                }
                store.save(job);
            }
        } catch (InterruptedException e) {
            // cancelled or closing: the cursor of the last durable page is saved
        } catch (BackfillFailed e) {
            store.save(job.ended(BackfillState.FAILED, e.getMessage(), now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "backfill " + job.id() + " failed", e);
            store.save(job.ended(BackfillState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), now()));
        }
    }

    private boolean cancelled(BackfillJob job) {
        return store.find(job.tenant(), job.id())
                .map(j -> j.state() == BackfillState.CANCELLED)
                .orElse(true);
    }

    private Connection connection(TenantId tenant, String connectionId) {
        return connections
                .find(connectionId)
                .filter(c -> c.tenant().equals(tenant))
                .orElseThrow(() -> new InvalidInput("no connection " + connectionId));
    }

    static String owner(String jobId) {
        return "backfill:" + jobId;
    }

    private static String key(BackfillJob job) {
        return job.tenant().value() + "/" + job.id();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops the jobs running here; they resume from their cursors on the next start. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : runningHere.values()) {
            t.interrupt();
        }
    }
}
