package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One tenant's deliveries written in one transaction, on a connection already scoped to the tenant.
 *
 * <p>The first statement locks the tenant's row in {@code event_sequences}. Every writer of that
 * tenant, in this process or another, takes the same lock first, so they take turns: under it, the
 * checks for redeliveries and repeated idempotency keys are final, and the seq handed out continues
 * exactly where the previous transaction's committed counter left it. A transaction that fails
 * rolls its seq back with it, so there are no gaps. Each transaction locks exactly one counter row
 * and every other row it writes is new, so two appends cannot deadlock.
 */
final class AppendBatch {
  private final Connection c;
  private final TenantId tenant;

  private AppendBatch(Connection c, TenantId tenant) {
    this.c = c;
    this.tenant = tenant;
  }

  /** Writes the batch; returns one outcome per delivery, in order. Does not commit. */
  static List<Appended> write(Connection c, TenantId tenant, List<PendingDelivery> batch) throws SQLException {
    return new AppendBatch(c, tenant).write(batch);
  }

  private List<Appended> write(List<PendingDelivery> batch) throws SQLException {
    final long before = lockSequence();
    var storedBefore = storedDeliveries(batch);

    // Which deliveries are new: not stored before, and the first of their key in this batch.
    var firstOfKey = new HashMap<PendingDelivery.Key, PendingDelivery>();
    var fresh = new ArrayList<PendingDelivery>();
    for (var p : batch) {
      if (!storedBefore.containsKey(p.key()) && firstOfKey.putIfAbsent(p.key(), p) == null) {
        fresh.add(p);
      }
    }

    // Seq for each new event; an event whose idempotency key is known points at the stored one.
    var byIdempotencyKey = storedEventsByKey(fresh);
    long seq = before;
    var inserts = new ArrayList<Event>();
    var insertsSerialized = new ArrayList<PostgresEventRows.Serialized>();
    var outcomes = new IdentityHashMap<PendingDelivery, Appended>();
    for (var p : fresh) {
      var stored = new ArrayList<Event>(p.events().size());
      for (int k = 0; k < p.events().size(); k++) {
        var e = p.events().get(k);
        var key = e.idempotencyKey() == null ? null : new PendingDelivery.Key(e.source(), e.idempotencyKey());
        Event known = key == null ? null : byIdempotencyKey.get(key);
        if (known != null) {
          stored.add(known);
          continue;
        }
        var placed = e.withSeq(++seq);
        inserts.add(placed);
        insertsSerialized.add(p.serialized().get(k));
        stored.add(placed);
        if (key != null) {
          byIdempotencyKey.put(key, placed);
        }
      }
      outcomes.put(p, new Appended(p.raw().id(), false, List.copyOf(stored)));
    }

    insertDeliveries(fresh);
    insertEvents(inserts, insertsSerialized);
    if (seq != before) {
      advanceSequence(seq);
    }

    var eventsOfStored = eventsOfDeliveries(storedBefore.values());
    var results = new ArrayList<Appended>(batch.size());
    for (var p : batch) {
      String storedId = storedBefore.get(p.key());
      if (storedId != null) {
        results.add(new Appended(storedId, true, eventsOfStored.getOrDefault(storedId, List.of())));
      } else if (firstOfKey.get(p.key()) != p) {
        // Redelivered within this batch: answer what the first one stored under its own id.
        var first = outcomes.get(firstOfKey.get(p.key()));
        var own = first.events().stream().filter(e -> e.rawRef().equals(first.deliveryId())).toList();
        results.add(new Appended(first.deliveryId(), true, own));
      } else {
        results.add(outcomes.get(p));
      }
    }
    return results;
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

  /** Ids of the deliveries of this batch that were stored before, by key. */
  private Map<PendingDelivery.Key, String> storedDeliveries(List<PendingDelivery> batch) throws SQLException {
    var keys = new LinkedHashSet<PendingDelivery.Key>();
    batch.forEach(p -> keys.add(p.key()));
    var found = new HashMap<PendingDelivery.Key, String>();
    try (var st = c.prepareStatement("SELECT source, delivery_key, id FROM deliveries WHERE tenant_id = ?"
        + " AND (source, delivery_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))")) {
      st.setString(1, tenant.value());
      st.setArray(2, c.createArrayOf("text", keys.stream().map(PendingDelivery.Key::source).toArray()));
      st.setArray(3, c.createArrayOf("text", keys.stream().map(PendingDelivery.Key::key).toArray()));
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
    try (var st = c.prepareStatement("SELECT " + PostgresEventRows.EVENT_COLUMNS + " FROM events WHERE tenant_id = ?"
        + " AND (source, idempotency_key) IN (SELECT * FROM unnest(?::text[], ?::text[]))")) {
      st.setString(1, tenant.value());
      st.setArray(2, c.createArrayOf("text", keys.stream().map(PendingDelivery.Key::source).toArray()));
      st.setArray(3, c.createArrayOf("text", keys.stream().map(PendingDelivery.Key::key).toArray()));
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
      st.setArray(2, c.createArrayOf("text", deliveryIds.stream().distinct().toArray()));
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var e = PostgresEventRows.readEvent(tenant, rs);
          byDelivery.computeIfAbsent(e.rawRef(), k -> new ArrayList<>()).add(e);
        }
      }
    }
    return byDelivery;
  }

  private void insertDeliveries(List<PendingDelivery> fresh) throws SQLException {
    if (fresh.isEmpty()) {
      return;
    }
    try (var st = c.prepareStatement(PostgresEventRows.INSERT_DELIVERY)) {
      for (var p : fresh) {
        PostgresEventRows.bindDelivery(st, p.raw(), p.headersJson());
        st.addBatch();
      }
      st.executeBatch();
    }
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
