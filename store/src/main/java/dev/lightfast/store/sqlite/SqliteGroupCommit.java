package dev.lightfast.store.sqlite;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.body.RawBodyCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the log. Callers queue deliveries and wait; the writer takes whatever
 * has queued up, writes it in one transaction and makes it durable with one fsync, so the cost of
 * a disk flush is shared by every delivery that arrived while the previous one was in progress.
 * Each delivery sits in its own savepoint: a bad one fails alone, never half-written.
 *
 * <p>Transactions are begun by hand ({@code BEGIN IMMEDIATE}) on an auto-commit connection: the
 * driver's own transaction mode would open the next transaction right after each commit and hold
 * the write lock between batches, starving every other writer.
 *
 * <p>Being the only writer (the data directory lock guarantees one process) lets it hand out each
 * tenant's next {@code seq} from memory.
 */
final class SqliteGroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteGroupCommit.class);
    private static final int MAX_BATCH = 512;

    private record Pending(
            TenantId tenant,
            String deliveryId,
            IncomingDelivery delivery,
            String headersJson,
            RawBodyCodec.Encoded body,
            byte[] bodySha256,
            List<Event> events,
            List<EventRows.Serialized> serialized,
            CompletableFuture<Appended> result) {}

    private final Connection conn;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<TenantId, Long> lastSeq = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private final PreparedStatement insertDelivery;
    private final PreparedStatement insertEvent;
    private final PreparedStatement findDelivery;
    private final PreparedStatement findSameBody;
    private final PreparedStatement eventsOfDelivery;
    private final PreparedStatement eventByKey;
    private final PreparedStatement maxSeq;
    private final PreparedStatement begin;
    private final PreparedStatement commitTx;
    private final PreparedStatement rollbackTx;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackTo;

    SqliteGroupCommit(Connection conn) {
        this.conn = conn;
        try {
            insertDelivery = conn.prepareStatement("INSERT INTO deliveries (tenant_id, id, source, connection_id,"
                    + " delivery_key, event_name, headers, body, received_at, body_sha256, body_codec)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (tenant_id, source, delivery_key) DO NOTHING");
            findSameBody = conn.prepareStatement("SELECT id FROM deliveries WHERE tenant_id = ? AND connection_id = ?"
                    + " AND body_sha256 = ? AND received_at >= ? ORDER BY received_at LIMIT 1");
            insertEvent = conn.prepareStatement(EventRows.INSERT);
            findDelivery = conn.prepareStatement(
                    "SELECT id FROM deliveries WHERE tenant_id = ? AND source = ? AND delivery_key = ?");
            eventsOfDelivery = conn.prepareStatement("SELECT " + EventRows.COLUMNS
                    + " FROM events WHERE tenant_id = ? AND delivery_id = ? ORDER BY seq");
            eventByKey = conn.prepareStatement("SELECT " + EventRows.COLUMNS
                    + " FROM events WHERE tenant_id = ? AND source = ? AND idempotency_key = ?");
            maxSeq = conn.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events WHERE tenant_id = ?");
            // Prepared once: the driver would parse them again for every batch and every delivery.
            begin = conn.prepareStatement("BEGIN IMMEDIATE");
            commitTx = conn.prepareStatement("COMMIT");
            rollbackTx = conn.prepareStatement("ROLLBACK");
            savepoint = conn.prepareStatement("SAVEPOINT delivery");
            release = conn.prepareStatement("RELEASE delivery");
            rollbackTo = conn.prepareStatement("ROLLBACK TO delivery");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the event log writer", e);
        }
        try (var pragma = conn.createStatement()) {
            // Checkpoints copy the WAL into the database and fsync it; done inside a commit they stall
            // every waiting webhook. The writer leaves them to SqliteCheckpointer's own connection.
            pragma.execute("PRAGMA wal_autocheckpoint = 0");
            // Each delivery's savepoint keeps the pages it changes in a statement journal; in a temporary
            // file that is an open, some writes and an unlink per transaction.
            pragma.execute("PRAGMA temp_store = MEMORY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot configure the event log writer", e);
        }
        thread = Thread.ofPlatform().name("event-log-writer").start(this::run);
    }

    /** Queues a delivery; the future completes once it is durable (or refused). */
    CompletableFuture<Appended> submit(TenantId tenant, IncomingDelivery d) {
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("the event log is closed"));
        }
        String deliveryId = "dlv_" + Ids.ulid().toLowerCase(java.util.Locale.ROOT);
        var events = new ArrayList<Event>(d.events().size());
        var serialized = new ArrayList<EventRows.Serialized>(d.events().size());
        for (var draft : d.events()) {
            var truncated = draft.occurredAt().truncatedTo(ChronoUnit.MICROS);
            var e = Event.of(
                    Ids.ulid(),
                    tenant,
                    0,
                    d.receivedAt().truncatedTo(ChronoUnit.MICROS),
                    deliveryId,
                    draft.occurredAt().equals(truncated) ? draft : draft.withOccurredAt(truncated));
            events.add(e);
            serialized.add(EventRows.Serialized.of(e));
        }
        var p = new Pending(
                tenant,
                deliveryId,
                d,
                Json.MAPPER.writeValueAsString(d.headers()),
                RawBodyCodec.shared().encode(d.source(), d.body()),
                d.connectionId() == null ? null : d.bodySha256(),
                events,
                serialized,
                new CompletableFuture<>());
        queue.add(p);
        if (!running && queue.remove(p)) {
            p.result.completeExceptionally(new IllegalStateException("the event log is closed"));
        }
        return p.result;
    }

    private void run() {
        var batch = new ArrayList<Pending>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("event log writer failed a batch", e);
                batch.forEach(p -> p.result.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Writes a batch in one transaction without savepoints, which is what nearly every batch needs;
     * if any delivery in it fails, that transaction is rolled back whole and the batch is written
     * again with a savepoint per delivery, so that the bad one fails alone. A savepoint costs a copy
     * of every page a delivery touches that the batch had touched before.
     */
    private void commit(List<Pending> batch) {
        try {
            var outcomes = new ArrayList<Object>(batch.size());
            begin.execute();
            try {
                for (var p : batch) {
                    outcomes.add(apply(p));
                }
                commitTx.execute();
            } catch (SQLException | RuntimeException e) {
                rollbackTx.execute();
                throw e;
            }
            complete(batch, outcomes);
        } catch (SQLException | RuntimeException e) {
            // Rolled back: the seqs handed out in memory went with it.
            lastSeq.clear();
            if (batch.size() == 1) {
                batch.getFirst()
                        .result
                        .completeExceptionally(new IllegalStateException(
                                "storing delivery " + batch.getFirst().delivery.deliveryKey() + " failed", e));
            } else {
                LOG.warn(
                        "a batch of {} deliveries failed ({}); writing it again delivery by delivery",
                        batch.size(),
                        e.toString());
                commitEachAlone(batch);
            }
        }
    }

    private void commitEachAlone(List<Pending> batch) {
        var outcomes = new ArrayList<Object>(batch.size());
        try {
            begin.execute();
            try {
                for (var p : batch) {
                    savepoint.execute();
                    Long seqBefore = lastSeq.get(p.tenant);
                    try {
                        outcomes.add(apply(p));
                        release.execute();
                    } catch (SQLException | RuntimeException e) {
                        rollbackTo.execute();
                        release.execute();
                        restore(p.tenant, seqBefore);
                        outcomes.add(new IllegalStateException(
                                "storing delivery " + p.delivery.deliveryKey() + " failed", e));
                    }
                }
                commitTx.execute();
            } catch (SQLException e) {
                try {
                    rollbackTx.execute();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            lastSeq.clear();
            var failure = new IllegalStateException("committing " + batch.size() + " deliveries failed", e);
            batch.forEach(p -> p.result.completeExceptionally(failure));
            return;
        }
        complete(batch, outcomes);
    }

    private static void complete(List<Pending> batch, List<Object> outcomes) {
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i) instanceof Appended a) {
                batch.get(i).result.complete(a);
            } else {
                batch.get(i).result.completeExceptionally((Throwable) outcomes.get(i));
            }
        }
    }

    private void restore(TenantId tenant, Long seq) {
        if (seq == null) {
            lastSeq.remove(tenant);
        } else {
            lastSeq.put(tenant, seq);
        }
    }

    private Appended apply(Pending p) throws SQLException {
        var d = p.delivery;
        int i = 1;
        insertDelivery.setString(i++, p.tenant.value());
        insertDelivery.setString(i++, p.deliveryId);
        insertDelivery.setString(i++, d.source());
        insertDelivery.setString(i++, d.connectionId());
        insertDelivery.setString(i++, d.deliveryKey());
        insertDelivery.setString(i++, d.eventName());
        insertDelivery.setString(i++, p.headersJson);
        insertDelivery.setBytes(i++, p.body.bytes());
        insertDelivery.setLong(i++, EpochMicros.of(d.receivedAt()));
        insertDelivery.setBytes(i++, p.bodySha256);
        insertDelivery.setInt(i, p.body.codec());
        // The writer is the only one, and this runs in its transaction: no other append can slip an
        // identical body in between this look and the insert below.
        String sameBody = d.dedupesBody() ? sameBody(p) : null;
        if (sameBody != null) {
            return outcomeOf(p.tenant, sameBody);
        }
        if (insertDelivery.executeUpdate() == 0) {
            return firstOutcome(p);
        }
        long seq = nextSeqBase(p.tenant);
        var stored = new ArrayList<Event>(p.events.size());
        for (int k = 0; k < p.events.size(); k++) {
            var e = p.events.get(k);
            var withSeq = e.withSeq(seq + 1);
            EventRows.bindInsert(insertEvent, withSeq, p.serialized.get(k));
            if (insertEvent.executeUpdate() == 1) {
                seq++;
                stored.add(withSeq);
            } else {
                // The same fact arrived before through another delivery: point at the stored one.
                stored.add(existingByKey(p.tenant, e.source(), e.idempotencyKey()));
            }
        }
        lastSeq.put(p.tenant, seq);
        return new Appended(p.deliveryId, false, stored);
    }

    private Appended firstOutcome(Pending p) throws SQLException {
        var d = p.delivery;
        findDelivery.setString(1, p.tenant.value());
        findDelivery.setString(2, d.source());
        findDelivery.setString(3, d.deliveryKey());
        String firstId;
        try (var rs = findDelivery.executeQuery()) {
            rs.next();
            firstId = rs.getString(1);
        }
        return outcomeOf(p.tenant, firstId);
    }

    /** The delivery already stored from the same connection with an identical body in the window, or null. */
    private String sameBody(Pending p) throws SQLException {
        var d = p.delivery;
        findSameBody.setString(1, p.tenant.value());
        findSameBody.setString(2, d.connectionId());
        findSameBody.setBytes(3, p.bodySha256);
        findSameBody.setLong(4, EpochMicros.of(d.sameBodySince()));
        try (var rs = findSameBody.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A stored delivery's outcome, for a delivery that turned out to be it again. */
    private Appended outcomeOf(TenantId tenant, String deliveryId) throws SQLException {
        eventsOfDelivery.setString(1, tenant.value());
        eventsOfDelivery.setString(2, deliveryId);
        var events = new ArrayList<Event>();
        try (var rs = eventsOfDelivery.executeQuery()) {
            while (rs.next()) {
                events.add(EventRows.read(tenant, rs));
            }
        }
        return new Appended(deliveryId, true, events);
    }

    private Event existingByKey(TenantId tenant, String source, String key) throws SQLException {
        eventByKey.setString(1, tenant.value());
        eventByKey.setString(2, source);
        eventByKey.setString(3, key);
        try (var rs = eventByKey.executeQuery()) {
            rs.next();
            return EventRows.read(tenant, rs);
        }
    }

    private long nextSeqBase(TenantId tenant) throws SQLException {
        Long known = lastSeq.get(tenant);
        if (known != null) {
            return known;
        }
        maxSeq.setString(1, tenant.value());
        try (var rs = maxSeq.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stops taking deliveries, writes every one already queued, then closes the connection. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(new IllegalStateException("the event log is closed"));
        }
        try {
            conn.close();
        } catch (SQLException e) {
            LOG.warn("closing the event log writer", e);
        }
    }
}
