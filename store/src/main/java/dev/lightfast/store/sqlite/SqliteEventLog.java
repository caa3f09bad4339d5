package dev.lightfast.store.sqlite;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventPage;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.body.RawBodyCodec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/** The event log on SQLite: appends go through the single group-commit writer, reads through the pool. */
final class SqliteEventLog implements EventLog {
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final DataSource reads;
    private final SqliteGroupCommit writer;

    SqliteEventLog(DataSource reads, SqliteGroupCommit writer) {
        this.reads = reads;
        this.writer = writer;
    }

    @Override
    public List<Appended> append(TenantId tenant, List<IncomingDelivery> deliveries) {
        var pending = new ArrayList<CompletableFuture<Appended>>(deliveries.size());
        for (var d : deliveries) {
            pending.add(writer.submit(tenant, d));
        }
        // Every delivery is waited for, even after one failed: the caller reads the log next and must
        // find the rest of its batch there, not still in the writer's queue.
        var results = new ArrayList<Appended>(pending.size());
        RuntimeException firstFailure = null;
        for (var f : pending) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (firstFailure == null) {
                    firstFailure =
                            e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return results;
    }

    @Override
    public EventPage read(TenantId tenant, EventQuery q) {
        var sql = new StringBuilder("SELECT ")
                .append(EventRows.COLUMNS)
                .append(" FROM events WHERE tenant_id = ? AND seq > ?");
        var args = new ArrayList<Object>(List.of(tenant.value(), q.after()));
        if (q.type() != null && q.typeIsPrefix()) {
            // A range on the index rather than LIKE, whose '_' wildcard would match type names' underscores.
            String prefix = q.typePrefix();
            sql.append(" AND type >= ? AND type < ?");
            args.add(prefix);
            args.add(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
        } else if (q.type() != null) {
            sql.append(" AND type = ?");
            args.add(q.type());
        }
        if (q.source() != null) {
            sql.append(" AND source = ?");
            args.add(q.source());
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(EpochMicros.of(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(EpochMicros.of(q.to()));
        }
        if (q.descending()) {
            sql.append(" AND seq < ?");
            args.add(q.before());
        }
        sql.append(q.descending() ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?");
        args.add(q.limit() + 1);
        try (var c = reads.getConnection();
                var st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            var events = new ArrayList<Event>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(EventRows.read(tenant, rs));
                }
            }
            boolean more = events.size() > q.limit();
            if (more) {
                events.removeLast();
            }
            long next = events.isEmpty()
                    ? (q.descending() ? q.before() : q.after())
                    : events.getLast().seq();
            return new EventPage(events, next, more);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the event log failed", e);
        }
    }

    @Override
    public Optional<Event> find(TenantId tenant, String eventId) {
        String sql = "SELECT " + EventRows.COLUMNS + " FROM events WHERE tenant_id = ? AND id = ?";
        try (var c = reads.getConnection();
                var st = c.prepareStatement(sql)) {
            st.setString(1, tenant.value());
            st.setString(2, eventId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(EventRows.read(tenant, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading event " + eventId + " failed", e);
        }
    }

    @Override
    public Optional<RawDelivery> findRaw(TenantId tenant, String deliveryId) {
        String sql = "SELECT id, source, connection_id, delivery_key, event_name, headers, body, received_at,"
                + " body_codec FROM deliveries WHERE tenant_id = ? AND id = ?";
        try (var c = reads.getConnection();
                var st = c.prepareStatement(sql)) {
            st.setString(1, tenant.value());
            st.setString(2, deliveryId);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RawDelivery(
                        rs.getString("id"),
                        tenant,
                        rs.getString("source"),
                        rs.getString("connection_id"),
                        rs.getString("delivery_key"),
                        rs.getString("event_name"),
                        Json.MAPPER.readValue(rs.getString("headers"), HEADERS),
                        RawBodyCodec.shared().decode(rs.getInt("body_codec"), rs.getBytes("body")),
                        EpochMicros.toInstant(rs.getLong("received_at"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading delivery " + deliveryId + " failed", e);
        }
    }

    @Override
    public long lastSeq(TenantId tenant) {
        try (var c = reads.getConnection();
                var st = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM events WHERE tenant_id = ?")) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the last seq failed", e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
