package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's deliveries written in one transaction, on a connection already scoped to the tenant.
 *
 * <p>First the deliveries go in, each unless its {@code (source, key)} is stored already; the
 * unique index decides, so concurrent writers of the same delivery (in any process) store it once.
 * They go in sorted by that key, so two transactions inserting overlapping deliveries wait for each
 * other in one order and never deadlock; and they go in before the turn below, so the bulk of the
 * bytes is written while other writers hold it.
 *
 * <p>Then the tenant's row in {@code event_sequences} is locked: every writer of the tenant takes
 * it, so they take turns, and under it the seq handed out continues exactly where the previous
 * transaction's committed counter left it. A transaction that fails rolls its seq back with it, so
 * there are no gaps. A transaction locks that one row and, after it, only writes rows of its own,
 * so waiting for the turn never closes a cycle.
 *
 * <p>Every statement under the lock makes every other writer of the tenant wait, so there are as
 * few as can be: the lock, one insert of all events, the counter, the commit. Events are placed
 * assuming their idempotency keys are new, which they nearly always are; when one is not, the
 * insert fails on the unique key and the batch is written again {@linkplain Keys#LOOK_UP looking
 * the stored ones up first}.
 */
final class AppendBatch {
    /** Whether events' idempotency keys are looked up before inserting, or assumed new. */
    enum Keys {
        ASSUME_NEW,
        LOOK_UP
    }

    private final Connection c;
    private final TenantId tenant;
    private final Keys keys;

    private AppendBatch(Connection c, TenantId tenant, Keys keys) {
        this.c = c;
        this.tenant = tenant;
        this.keys = keys;
    }

    /**
     * Writes the batch; returns one outcome per delivery, in order. Does not commit.
     *
     * @throws SQLException with {@link #repeatsAKey} true when, assuming new keys, one was not
     */
    static List<Appended> write(Connection c, TenantId tenant, List<PendingDelivery> batch, Keys keys)
            throws SQLException {
        return new AppendBatch(c, tenant, keys).write(batch);
    }

    private List<Appended> write(List<PendingDelivery> batch) throws SQLException {
        // A delivery repeated within the batch (its key, or its body through the same connection) is
        // answered by its first occurrence.
        var firstOfKey = new HashMap<PendingDelivery.Key, PendingDelivery>();
        var firstOfBody = new HashMap<PendingDelivery.Body, PendingDelivery>();
        var sameBodyAs = new IdentityHashMap<PendingDelivery, PendingDelivery>();
        var unique = new ArrayList<PendingDelivery>();
        for (var p : batch) {
            if (firstOfKey.containsKey(p.key())) {
                continue;
            }
            var first = p.dedupesBody() ? firstOfBody.putIfAbsent(p.body(), p) : null;
            if (first != null) {
                sameBodyAs.put(p, first);
                firstOfKey.put(p.key(), first);
                continue;
            }
            firstOfKey.put(p.key(), p);
            unique.add(p);
        }
        var storedSameBody = storedBodies(
                unique.stream().filter(PendingDelivery::dedupesBody).toList());
        var candidates =
                unique.stream().filter(p -> !storedSameBody.containsKey(p)).toList();
        var inserted = insertNewDeliveries(candidates);
        final long before = lockSequence();
        var fresh = candidates.stream().filter(p -> inserted.contains(p.key())).toList();
        var storedBefore = storedDeliveries(
                candidates.stream().filter(p -> !inserted.contains(p.key())).toList());

        var placed = place(fresh, before, keys == Keys.LOOK_UP ? storedEventsByKey(fresh) : new HashMap<>());
        insertEvents(placed.inserts(), placed.serialized());
        if (placed.lastSeq() != before) {
            advanceSequence(placed.lastSeq());
        }

        var storedIds = new ArrayList<>(storedBefore.values());
        storedIds.addAll(storedSameBody.values());
        var eventsOfStored = eventsOfDeliveries(storedIds);
        var results = new ArrayList<Appended>(batch.size());
        for (var p : batch) {
            String storedId = storedBefore.get(p.key());
            String sameBodyId = storedSameBody.get(p);
            var bodyFirst = sameBodyAs.get(p);
            if (sameBodyId != null) {
                results.add(new Appended(sameBodyId, true, eventsOfStored.getOrDefault(sameBodyId, List.of())));
            } else if (bodyFirst != null) {
                results.add(again(bodyFirst, storedBefore, storedSameBody, eventsOfStored, placed));
            } else if (storedId != null) {
                results.add(new Appended(storedId, true, eventsOfStored.getOrDefault(storedId, List.of())));
            } else if (firstOfKey.get(p.key()) != p) {
                // Redelivered within this batch: answer what the first one stored under its own id.
                var first = placed.outcomes().get(firstOfKey.get(p.key()));
                var own = first.events().stream()
                        .filter(e -> e.rawRef().equals(first.deliveryId()))
                        .toList();
                results.add(new Appended(first.deliveryId(), true, own));
            } else if (placed.outcomes().containsKey(p)) {
                results.add(placed.outcomes().get(p));
            } else {
                throw new SQLException("delivery " + p.key() + " was neither stored now nor found stored before");
            }
        }
        return results;
    }

    /** The outcome of {@code first} (stored before, or now), for a later delivery in the batch that repeats it. */
    private static Appended again(
            PendingDelivery first,
            Map<PendingDelivery.Key, String> storedBefore,
            Map<PendingDelivery, String> storedSameBody,
            Map<String, List<Event>> eventsOfStored,
            Placement placed) {
        String id = storedSameBody.containsKey(first) ? storedSameBody.get(first) : storedBefore.get(first.key());
        if (id != null) {
            return new Appended(id, true, eventsOfStored.getOrDefault(id, List.of()));
        }
        var outcome = placed.outcomes().get(first);
        var own = outcome.events().stream()
                .filter(e -> e.rawRef().equals(outcome.deliveryId()))
                .toList();
        return new Appended(outcome.deliveryId(), true, own);
    }

    /**
     * The deliveries already stored through the same connection with an identical body inside each
     * one's window. Each body is locked first (a transaction-scoped advisory lock on the tenant, the
     * connection and the digest, taken in one order), so that two servers receiving the same replay
     * at once do not both find nothing and both store it: the second waits, then finds the first.
     */
    private Map<PendingDelivery, String> storedBodies(List<PendingDelivery> deduped) throws SQLException {
        var found = new IdentityHashMap<PendingDelivery, String>();
        if (deduped.isEmpty()) {
            return found;
        }
        var locks = new java.util.TreeSet<String>();
        deduped.forEach(p -> locks.add(
                tenant.value() + "/" + p.body().connectionId() + "/" + p.body().sha256Hex()));
        try (var st = c.prepareStatement("SELECT pg_advisory_xact_lock(" + BODY_LOCKS + ", hashtext(?))")) {
            for (String lock : locks) {
                st.setString(1, lock);
                st.executeQuery().close();
            }
        }
        try (var st = c.prepareStatement("SELECT connection_id, body_sha256, id, received_at FROM deliveries"
                + " WHERE tenant_id = ? AND (connection_id, body_sha256) IN (SELECT * FROM unnest(?::text[], ?::bytea[]))"
                + " AND received_at >= ? ORDER BY received_at")) {
            st.setString(1, tenant.value());
            st.setObject(
                    4,
                    PostgresEventRows.time(deduped.stream()
                            .map(PendingDelivery::sameBodySince)
                            .min(java.util.Comparator.naturalOrder())
                            .orElseThrow()));
            st.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            deduped.stream().map(p -> p.raw().connectionId()).toArray()));
            st.setArray(
                    3,
                    c.createArrayOf(
                            "bytea",
                            deduped.stream().map(PendingDelivery::bodySha256).toArray(byte[][]::new)));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    var body = new PendingDelivery.Body(
                            rs.getString(1), java.util.HexFormat.of().formatHex(rs.getBytes(2)));
                    var receivedAt = PostgresEventRows.instant(rs, "received_at");
                    for (var p : deduped) {
                        if (!found.containsKey(p) && p.body().equals(body) && !receivedAt.isBefore(p.sameBodySince())) {
                            found.put(p, rs.getString(3));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The first key of the two-key advisory locks on bodies: "LF" and a kind, apart from any other lock. */
    private static final int BODY_LOCKS = 0x4c46_0001;

    /** The new deliveries' events at their places in the log: those to insert, and each delivery's outcome. */
    private record Placement(
            List<Event> inserts,
            List<PostgresEventRows.Serialized> serialized,
            IdentityHashMap<PendingDelivery, Appended> outcomes,
            long lastSeq) {}

    /**
     * Gives each new event the next seq, in order; an event whose (source, idempotency key) is
     * already {@code known} (stored before, or earlier in this batch) points at that one instead.
     */
    private static Placement place(List<PendingDelivery> fresh, long lastSeq, Map<PendingDelivery.Key, Event> known) {
        long seq = lastSeq;
        var inserts = new ArrayList<Event>();
        var serialized = new ArrayList<PostgresEventRows.Serialized>();
        var outcomes = new IdentityHashMap<PendingDelivery, Appended>();
        for (var p : fresh) {
            var stored = new ArrayList<Event>(p.events().size());
            for (int k = 0; k < p.events().size(); k++) {
                var e = p.events().get(k);
                var key = e.idempotencyKey() == null ? null : new PendingDelivery.Key(e.source(), e.idempotencyKey());
                Event same = key == null ? null : known.get(key);
                if (same != null) {
                    stored.add(same);
                    continue;
                }
                var placed = e.withSeq(++seq);
                inserts.add(placed);
                serialized.add(p.serialized().get(k));
                stored.add(placed);
                if (key != null) {
                    known.put(key, placed);
                }
            }
            outcomes.put(p, new Appended(p.raw().id(), false, List.copyOf(stored)));
        }
        return new Placement(inserts, serialized, outcomes, seq);
    }

    /**
     * True when a failure (or what caused it) is a unique key refusing an event: written assuming new
     * idempotency keys, the batch repeated one. A batch reports its failure as a chain.
     */
    static boolean repeatsAKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException x = sql; x != null; x = x.getNextException()) {
                    if ("23505".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Locks the tenant's counter row, making it if this is the tenant's first append; returns the last seq. */
    private long lockSequence() throws SQLException {
        Long last = selectForUpdate();
        if (last != null) {
            return last;
        }
        // Two first appends may race here; the loser's insert waits for the winner and does nothing.
        try (var st = c.prepareStatement(
                "INSERT INTO event_sequences (tenant_id, last_seq) VALUES (?, 0) ON CONFLICT (tenant_id) DO NOTHING")) {
            st.setString(1, tenant.value());
            st.executeUpdate();
        }
        last = selectForUpdate();
        if (last == null) {
            throw new SQLException("the seq counter of tenant " + tenant + " cannot be read");
        }
        return last;
    }

    private Long selectForUpdate() throws SQLException {
        try (var st = c.prepareStatement("SELECT last_seq FROM event_sequences WHERE tenant_id = ? FOR UPDATE")) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private void advanceSequence(long last) throws SQLException {
        try (var st = c.prepareStatement("UPDATE event_sequences SET last_seq = ? WHERE tenant_id = ?")) {
            st.setLong(1, last);
            st.setString(2, tenant.value());
            st.executeUpdate();
        }
    }

    /** Ids of these deliveries as stored before, by key. */
    private Map<PendingDelivery.Key, String> storedDeliveries(List<PendingDelivery> batch) throws SQLException {
        var keys = new LinkedHashSet<PendingDelivery.Key>();
        batch.forEach(p -> keys.add(p.key()));
        var found = new HashMap<PendingDelivery.Key, String>();
        if (keys.isEmpty()) {
            return found;
        }
        try (var st = c.prepareStatement("SELECT source, delivery_key, id FROM deliveries WHERE tenant_id = ?"
                + " AND (source, delivery_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))")) {
            st.setString(1, tenant.value());
            st.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            keys.stream().map(PendingDelivery.Key::source).toArray()));
            st.setArray(
                    3,
                    c.createArrayOf(
                            "text", keys.stream().map(PendingDelivery.Key::key).toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    found.put(new PendingDelivery.Key(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
        }
        return found;
    }

    /** The stored events whose (source, idempotency key) one of these deliveries' events repeats. */
    private Map<PendingDelivery.Key, Event> storedEventsByKey(List<PendingDelivery> fresh) throws SQLException {
        var keys = new LinkedHashSet<PendingDelivery.Key>();
        for (var p : fresh) {
            for (var e : p.events()) {
                if (e.idempotencyKey() != null) {
                    keys.add(new PendingDelivery.Key(e.source(), e.idempotencyKey()));
                }
            }
        }
        var found = new HashMap<PendingDelivery.Key, Event>();
        if (keys.isEmpty()) {
            return found;
        }
        try (var st =
                c.prepareStatement("SELECT " + PostgresEventRows.EVENT_COLUMNS + " FROM events WHERE tenant_id = ?"
                        + " AND (source, idempotency_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))")) {
            st.setString(1, tenant.value());
            st.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            keys.stream().map(PendingDelivery.Key::source).toArray()));
            st.setArray(
                    3,
                    c.createArrayOf(
                            "text", keys.stream().map(PendingDelivery.Key::key).toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    var e = PostgresEventRows.readEvent(tenant, rs);
                    found.put(new PendingDelivery.Key(e.source(), e.idempotencyKey()), e);
                }
            }
        }
        return found;
    }

    private Map<String, List<Event>> eventsOfDeliveries(java.util.Collection<String> deliveryIds) throws SQLException {
        var byDelivery = new HashMap<String, List<Event>>();
        if (deliveryIds.isEmpty()) {
            return byDelivery;
        }
        try (var st = c.prepareStatement("SELECT " + PostgresEventRows.EVENT_COLUMNS
                + " FROM events WHERE tenant_id = ? AND delivery_id = ANY(?) ORDER BY seq")) {
            st.setString(1, tenant.value());
            st.setArray(
                    2, c.createArrayOf("text", deliveryIds.stream().distinct().toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    var e = PostgresEventRows.readEvent(tenant, rs);
                    byDelivery
                            .computeIfAbsent(e.rawRef(), k -> new ArrayList<>())
                            .add(e);
                }
            }
        }
        return byDelivery;
    }

    /**
     * Inserts the deliveries not stored yet, in key order, in one statement; returns the keys of
     * those it inserted. A delivery another transaction is inserting at the same moment waits for it,
     * then counts as stored before.
     */
    private Set<PendingDelivery.Key> insertNewDeliveries(List<PendingDelivery> candidates) throws SQLException {
        var inserted = new HashSet<PendingDelivery.Key>();
        if (candidates.isEmpty()) {
            return inserted;
        }
        var sorted = candidates.stream()
                .sorted(Comparator.comparing((PendingDelivery p) -> p.key().source())
                        .thenComparing(p -> p.key().key()))
                .toList();
        var sql = new StringBuilder("INSERT INTO deliveries (tenant_id, ")
                .append(PostgresEventRows.DELIVERY_COLUMNS)
                .append(") VALUES ");
        for (int i = 0; i < sorted.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(PostgresEventRows.DELIVERY_VALUES);
        }
        sql.append(" ON CONFLICT (tenant_id, source, delivery_key) DO NOTHING RETURNING source, delivery_key");
        try (var st = c.prepareStatement(sql.toString())) {
            int at = 0;
            for (var p : sorted) {
                at = PostgresEventRows.bindDelivery(st, at, p.raw(), p.headersJson(), p.bodySha256(), p.storedBody());
            }
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new PendingDelivery.Key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }

    private void insertEvents(List<Event> events, List<PostgresEventRows.Serialized> serialized) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (var st = c.prepareStatement(PostgresEventRows.INSERT_EVENT)) {
            for (int i = 0; i < events.size(); i++) {
                PostgresEventRows.bindEvent(st, events.get(i), serialized.get(i));
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
