package dev.lightfast.store.outbox;

import dev.lightfast.core.subscription.Attempt;
import dev.lightfast.core.subscription.AttemptOutcome;
import dev.lightfast.core.subscription.AttemptPage;
import dev.lightfast.core.subscription.Delivered;
import dev.lightfast.core.subscription.MessageState;
import dev.lightfast.core.subscription.NewMessage;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.QueueStats;
import dev.lightfast.core.subscription.QueuedMessage;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every subscription's outbox in SQL (both stores, through their {@link SqlDialect}). A message's
 * place is its {@code position} in its subscription's queue, given from the queue row's {@code
 * next_position} under that row's lock; a queue's head is its first pending message.
 */
public final class SqlOutbox implements Outbox {
    private static final String MESSAGE_COLUMNS = "subscription_id, position, id, source, source_position, type,"
            + " timestamp, body, state, attempts, next_attempt_at, last_attempt_at, delivered_at";
    private static final String PENDING = MessageState.PENDING.wire();

    private final SqlDialect db;

    public SqlOutbox(SqlDialect db) {
        this.db = db;
    }

    @Override
    public Map<String, Long> cursors(TenantId tenant, String source) {
        return db.read(tenant, "reading the outbox cursors", c -> {
            try (var st = c.prepareStatement(
                    "SELECT subscription_id, position FROM outbox_cursors" + " WHERE tenant_id = ? AND source = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, source);
                var cursors = new HashMap<String, Long>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        cursors.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return cursors;
            }
        });
    }

    @Override
    public void startCursor(TenantId tenant, String subscriptionId, String source, long position) {
        db.write(tenant, "starting an outbox cursor", c -> {
            try (var st = c.prepareStatement("INSERT INTO outbox_cursors (tenant_id, subscription_id, source, position)"
                    + " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM outbox_queues WHERE tenant_id = ?"
                    + " AND subscription_id = ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                st.setString(3, source);
                st.setLong(4, position);
                st.setString(5, tenant.value());
                st.setString(6, subscriptionId);
                return st.executeUpdate();
            }
        });
    }

    @Override
    public int enqueue(
            TenantId tenant,
            String source,
            long through,
            Map<String, Long> expected,
            Map<String, List<NewMessage>> messages) {
        return db.write(tenant, "queueing outbound messages", c -> {
            int advanced = 0;
            for (var e : expected.entrySet()) {
                String subscription = e.getKey();
                Long cursor = lockCursor(c, tenant, subscription, source);
                if (cursor == null || cursor.longValue() != e.getValue() || cursor >= through) {
                    continue; // queued meanwhile (or now) by another server, or deleted
                }
                List<NewMessage> queue = messages.getOrDefault(subscription, List.of());
                if (!queue.isEmpty()) {
                    long first = take(c, tenant, subscription, queue.size());
                    if (first < 0) {
                        continue; // deleted meanwhile
                    }
                    insert(c, tenant, subscription, source, first, queue);
                }
                try (var st = c.prepareStatement("UPDATE outbox_cursors SET position = ?"
                        + " WHERE tenant_id = ? AND subscription_id = ? AND source = ?")) {
                    st.setLong(1, through);
                    st.setString(2, tenant.value());
                    st.setString(3, subscription);
                    st.setString(4, source);
                    st.executeUpdate();
                }
                advanced++;
            }
            return advanced;
        });
    }

    private Long lockCursor(Connection c, TenantId tenant, String subscription, String source) throws SQLException {
        try (var st =
                c.prepareStatement("SELECT position FROM outbox_cursors WHERE tenant_id = ? AND subscription_id = ?"
                        + " AND source = ?" + db.skipLocked())) {
            st.setString(1, tenant.value());
            st.setString(2, subscription);
            st.setString(3, source);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Takes {@code n} positions from the subscription's queue; the first, or -1 when it has no queue. */
    private static long take(Connection c, TenantId tenant, String subscription, int n) throws SQLException {
        try (var st = c.prepareStatement("UPDATE outbox_queues SET next_position = next_position + ?"
                + " WHERE tenant_id = ? AND subscription_id = ? RETURNING next_position")) {
            st.setInt(1, n);
            st.setString(2, tenant.value());
            st.setString(3, subscription);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) - n : -1;
            }
        }
    }

    private void insert(
            Connection c, TenantId tenant, String subscription, String source, long first, List<NewMessage> queue)
            throws SQLException {
        try (var st = c.prepareStatement("INSERT INTO outbox_messages (tenant_id, " + MESSAGE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL)")) {
            long position = first;
            for (NewMessage m : queue) {
                st.setString(1, tenant.value());
                st.setString(2, subscription);
                st.setLong(3, position++);
                st.setString(4, m.id());
                st.setString(5, source);
                if (m.sourcePosition() == null) {
                    st.setNull(6, Types.BIGINT);
                } else {
                    st.setLong(6, m.sourcePosition());
                }
                st.setString(7, m.type());
                db.setTime(st, 8, m.timestamp());
                st.setBytes(9, m.body());
                st.setString(10, PENDING);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    @Override
    public QueuedMessage add(TenantId tenant, String subscriptionId, String source, NewMessage message) {
        return db.write(tenant, "queueing a message for " + subscriptionId, c -> {
            long position = take(c, tenant, subscriptionId, 1);
            if (position < 0) {
                throw new IllegalStateException("subscription " + subscriptionId + " has no outbox");
            }
            insert(c, tenant, subscriptionId, source, position, List.of(message));
            return message(c, tenant, subscriptionId, "position = ?", position).orElseThrow();
        });
    }

    /**
     * A queue is due when its head (first pending message) is and nobody holds its lease (a lease that
     * ran out is free). A queue this server is working is held: claiming never touches its row.
     */
    private static final String DUE = "SELECT q.subscription_id FROM outbox_queues q"
            + " WHERE q.tenant_id = ? AND (q.holder IS NULL OR q.lease_until < ?)"
            + " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.tenant_id = q.tenant_id"
            + "   AND s.id = q.subscription_id AND s.disabled_at IS NULL)"
            + " AND EXISTS (SELECT 1 FROM outbox_messages m WHERE m.tenant_id = q.tenant_id"
            + "   AND m.subscription_id = q.subscription_id AND m.state = '" + PENDING + "'"
            + "   AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?)"
            + "   AND m.position = (SELECT min(h.position) FROM outbox_messages h WHERE h.tenant_id = q.tenant_id"
            + "     AND h.subscription_id = q.subscription_id AND h.state = '" + PENDING + "'))"
            + " ORDER BY q.subscription_id LIMIT ?";

    @Override
    public List<String> claim(TenantId tenant, String holder, Instant now, Instant until, int limit) {
        // Looked for first without a write transaction: most looks find nothing, and on SQLite a write
        // transaction takes the lock that acknowledging webhooks waits for.
        if (db.read(tenant, "looking for due webhooks", c -> due(c, tenant, now, limit, ""))
                .isEmpty()) {
            return List.of();
        }
        return db.write(tenant, "claiming due webhooks", c -> {
            var due = due(c, tenant, now, limit, db.skipLocked());
            try (var st = c.prepareStatement("UPDATE outbox_queues SET holder = ?, lease_until = ?"
                    + " WHERE tenant_id = ? AND subscription_id = ?")) {
                for (String id : due) {
                    st.setString(1, holder);
                    db.setTime(st, 2, until);
                    st.setString(3, tenant.value());
                    st.setString(4, id);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return due;
        });
    }

    private List<String> due(Connection c, TenantId tenant, Instant now, int limit, String lock) throws SQLException {
        var due = new ArrayList<String>();
        try (var st = c.prepareStatement(DUE + lock)) {
            st.setString(1, tenant.value());
            db.setTime(st, 2, now);
            db.setTime(st, 3, now);
            st.setInt(4, limit);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        return due;
    }

    @Override
    public boolean renew(TenantId tenant, String subscriptionId, String holder, Instant until) {
        return db.write(tenant, "renewing the lease of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("UPDATE outbox_queues SET lease_until = ?"
                    + " WHERE tenant_id = ? AND subscription_id = ? AND holder = ?")) {
                db.setTime(st, 1, until);
                st.setString(2, tenant.value());
                st.setString(3, subscriptionId);
                st.setString(4, holder);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(TenantId tenant, String subscriptionId, String holder) {
        db.write(tenant, "releasing the lease of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("UPDATE outbox_queues SET holder = NULL, lease_until = NULL"
                    + " WHERE tenant_id = ? AND subscription_id = ? AND holder = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                st.setString(3, holder);
                return st.executeUpdate();
            }
        });
    }

    /** The state is written into the query, so that the index of pending messages serves it. */
    @Override
    public List<QueuedMessage> pending(TenantId tenant, String subscriptionId, int limit) {
        return db.read(tenant, "reading the head of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox_messages"
                    + " WHERE tenant_id = ? AND subscription_id = ? AND state = '" + PENDING + "'"
                    + " ORDER BY position LIMIT ?")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                st.setInt(3, limit);
                var out = new ArrayList<QueuedMessage>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void record(TenantId tenant, String subscriptionId, List<Delivered> results, Instant failingSince) {
        db.write(tenant, "recording webhook attempts", c -> {
            try (var st = c.prepareStatement("INSERT INTO outbox_attempts (tenant_id, subscription_id, id, message_id,"
                    + " message_position, attempted_at, status, outcome, latency_ms, response, error)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Delivered d : results) {
                    Attempt a = d.attempt();
                    st.setString(1, tenant.value());
                    st.setString(2, subscriptionId);
                    st.setString(3, a.id());
                    st.setString(4, a.messageId());
                    st.setLong(5, a.messagePosition());
                    db.setTime(st, 6, a.at());
                    if (a.status() == null) {
                        st.setNull(7, Types.INTEGER);
                    } else {
                        st.setInt(7, a.status());
                    }
                    st.setString(8, a.outcome().wire());
                    st.setLong(9, a.latencyMillis());
                    st.setString(10, a.response());
                    st.setString(11, a.error());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (var st = c.prepareStatement("UPDATE outbox_messages SET state = ?, attempts = ?, next_attempt_at = ?,"
                    + " last_attempt_at = ?, delivered_at = ? WHERE tenant_id = ? AND subscription_id = ?"
                    + " AND position = ?")) {
                for (Delivered d : results) {
                    st.setString(1, d.state().wire());
                    st.setInt(2, d.attempts());
                    db.setTime(st, 3, d.nextAttemptAt());
                    db.setTime(st, 4, d.attempt().at());
                    db.setTime(
                            st,
                            5,
                            d.state() == MessageState.DELIVERED ? d.attempt().at() : null);
                    st.setString(6, tenant.value());
                    st.setString(7, subscriptionId);
                    st.setLong(8, d.position());
                    st.addBatch();
                }
                st.executeBatch();
            }
            // Written only when it changes: the queue's row is what leases are taken on.
            try (var st = c.prepareStatement("UPDATE outbox_queues SET failing_since = ? WHERE tenant_id = ?"
                    + " AND subscription_id = ? AND failing_since IS DISTINCT FROM ?")) {
                db.setTime(st, 1, failingSince);
                st.setString(2, tenant.value());
                st.setString(3, subscriptionId);
                db.setTime(st, 4, failingSince);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Instant> failingSince(TenantId tenant, String subscriptionId) {
        return db.read(tenant, "reading the failing streak of " + subscriptionId, c -> {
            try (var st = c.prepareStatement(
                    "SELECT failing_since FROM outbox_queues WHERE tenant_id = ? AND subscription_id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(db.time(rs, "failing_since")) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<QueuedMessage> message(TenantId tenant, String subscriptionId, String messageId) {
        return db.read(
                tenant, "reading message " + messageId, c -> message(c, tenant, subscriptionId, "id = ?", messageId));
    }

    private Optional<QueuedMessage> message(
            Connection c, TenantId tenant, String subscriptionId, String condition, Object value) throws SQLException {
        try (var st = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox_messages"
                + " WHERE tenant_id = ? AND subscription_id = ? AND " + condition
                + " ORDER BY position DESC LIMIT 1")) {
            st.setString(1, tenant.value());
            st.setString(2, subscriptionId);
            st.setObject(3, value);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<QueuedMessage> messages(
            TenantId tenant, String subscriptionId, MessageState state, long afterPosition, int limit) {
        return db.read(tenant, "reading the outbox of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox_messages"
                    + " WHERE tenant_id = ? AND subscription_id = ? AND position > ?"
                    + (state == null ? "" : " AND state = ?") + " ORDER BY position LIMIT ?")) {
                int i = 1;
                st.setString(i++, tenant.value());
                st.setString(i++, subscriptionId);
                st.setLong(i++, afterPosition);
                if (state != null) {
                    st.setString(i++, state.wire());
                }
                st.setInt(i, limit);
                var out = new ArrayList<QueuedMessage>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public AttemptPage attempts(TenantId tenant, String subscriptionId, String messageId, String before, int limit) {
        return db.read(tenant, "reading the attempts of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("SELECT id, message_id, message_position, attempted_at, status, outcome,"
                    + " latency_ms, response, error FROM outbox_attempts WHERE tenant_id = ? AND subscription_id = ?"
                    + (messageId == null ? "" : " AND message_id = ?") + (before == null ? "" : " AND id < ?")
                    + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                st.setString(i++, tenant.value());
                st.setString(i++, subscriptionId);
                if (messageId != null) {
                    st.setString(i++, messageId);
                }
                if (before != null) {
                    st.setString(i++, before);
                }
                st.setInt(i, limit + 1);
                var out = new ArrayList<Attempt>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt("status");
                        Integer answered = rs.wasNull() ? null : status;
                        out.add(new Attempt(
                                rs.getString("id"),
                                rs.getString("message_id"),
                                rs.getLong("message_position"),
                                db.time(rs, "attempted_at"),
                                answered,
                                AttemptOutcome.of(rs.getString("outcome")),
                                rs.getLong("latency_ms"),
                                rs.getString("response"),
                                rs.getString("error")));
                    }
                }
                boolean more = out.size() > limit;
                var page = more ? out.subList(0, limit) : out;
                return new AttemptPage(List.copyOf(page), more ? page.getLast().id() : null);
            }
        });
    }

    @Override
    public int replay(TenantId tenant, String subscriptionId, String messageId, Instant now) {
        return replay(tenant, subscriptionId, "id = ?", List.of(messageId), now);
    }

    @Override
    public int replay(TenantId tenant, String subscriptionId, Instant from, Instant to, Instant now) {
        return replay(tenant, subscriptionId, "timestamp >= ? AND timestamp < ?", List.of(from, to), now);
    }

    private int replay(TenantId tenant, String subscriptionId, String condition, List<Object> values, Instant now) {
        return db.write(tenant, "replaying messages of " + subscriptionId, c -> {
            try (var st = c.prepareStatement("UPDATE outbox_messages SET state = '" + PENDING + "', attempts = 0,"
                    + " next_attempt_at = ? WHERE tenant_id = ? AND subscription_id = ? AND state <> '" + PENDING
                    + "' AND " + condition)) {
                db.setTime(st, 1, now);
                st.setString(2, tenant.value());
                st.setString(3, subscriptionId);
                int i = 4;
                for (Object v : values) {
                    if (v instanceof Instant t) {
                        db.setTime(st, i++, t);
                    } else {
                        st.setObject(i++, v);
                    }
                }
                return st.executeUpdate();
            }
        });
    }

    @Override
    public QueueStats stats(TenantId tenant, String subscriptionId) {
        return db.read(tenant, "reading the outbox of " + subscriptionId, c -> {
            var counts = new HashMap<String, Long>();
            try (var st = c.prepareStatement("SELECT state, count(*) FROM outbox_messages"
                    + " WHERE tenant_id = ? AND subscription_id = ? GROUP BY state")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Instant lastAttempt;
            try (var st = c.prepareStatement("SELECT max(attempted_at) AS last FROM outbox_attempts"
                    + " WHERE tenant_id = ? AND subscription_id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                try (var rs = st.executeQuery()) {
                    lastAttempt = rs.next() ? lastTime(rs) : null;
                }
            }
            Instant next = null;
            try (var st = c.prepareStatement("SELECT next_attempt_at FROM outbox_messages WHERE tenant_id = ?"
                    + " AND subscription_id = ? AND state = '" + PENDING + "' ORDER BY position LIMIT 1")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                try (var rs = st.executeQuery()) {
                    next = rs.next() ? db.time(rs, "next_attempt_at") : null;
                }
            }
            Instant failing;
            try (var st = c.prepareStatement(
                    "SELECT failing_since FROM outbox_queues WHERE tenant_id = ? AND subscription_id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, subscriptionId);
                try (var rs = st.executeQuery()) {
                    failing = rs.next() ? db.time(rs, "failing_since") : null;
                }
            }
            return new QueueStats(
                    counts.getOrDefault(PENDING, 0L),
                    counts.getOrDefault(MessageState.DELIVERED.wire(), 0L),
                    counts.getOrDefault(MessageState.FAILED.wire(), 0L),
                    failing,
                    lastAttempt,
                    next);
        });
    }

    private Instant lastTime(ResultSet rs) throws SQLException {
        return db.time(rs, "last");
    }

    private QueuedMessage message(ResultSet rs) throws SQLException {
        long sourcePosition = rs.getLong("source_position");
        Long source = rs.wasNull() ? null : sourcePosition;
        return new QueuedMessage(
                rs.getString("subscription_id"),
                rs.getLong("position"),
                rs.getString("id"),
                rs.getString("source"),
                source,
                rs.getString("type"),
                db.time(rs, "timestamp"),
                rs.getBytes("body"),
                MessageState.of(rs.getString("state")),
                rs.getInt("attempts"),
                db.time(rs, "next_attempt_at"),
                db.time(rs, "last_attempt_at"),
                db.time(rs, "delivered_at"));
    }
}
