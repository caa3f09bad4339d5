package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventPage;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** The event log on PostgreSQL: appends through the group-commit writers, reads in tenant-scoped transactions. */
final class PostgresEventLog implements EventLog {
    private final TenantScope scope;
    private final PostgresGroupCommit writer;

    PostgresEventLog(TenantScope scope, PostgresGroupCommit writer) {
        this.scope = scope;
        this.writer = writer;
    }

    /** Waits for every delivery to be settled, stored or refused, before answering or throwing. */
    @Override
    public List<Appended> append(TenantId tenant, List<IncomingDelivery> deliveries) {
        var results = new ArrayList<Appended>(deliveries.size());
        RuntimeException failed = null;
        for (var f : writer.submit(tenant, deliveries)) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return results;
    }

    @Override
    public EventPage read(TenantId tenant, EventQuery q) {
        var sql = new StringBuilder("SELECT ")
                .append(PostgresEventRows.EVENT_COLUMNS)
                .append(" FROM events WHERE tenant_id = ? AND seq > ?");
        var args = new ArrayList<Object>(List.of(tenant.value(), q.after()));
        if (q.type() != null && q.typeIsPrefix()) {
            // A range on the index rather than LIKE, whose '_' would match type names' underscores; the
            // column's "C" collation makes the range byte order.
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
            args.add(PostgresEventRows.time(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(PostgresEventRows.time(q.to()));
        }
        if (q.descending()) {
            sql.append(" AND seq < ?");
            args.add(q.before());
        }
        sql.append(q.descending() ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?");
        args.add(q.limit() + 1);
        var events = scope.inTenant(tenant, "reading the event log", c -> {
            try (var st = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    st.setObject(i + 1, args.get(i));
                }
                var found = new ArrayList<Event>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(PostgresEventRows.readEvent(tenant, rs));
                    }
                }
                return found;
            }
        });
        boolean more = events.size() > q.limit();
        if (more) {
            events.removeLast();
        }
        long next = events.isEmpty()
                ? (q.descending() ? q.before() : q.after())
                : events.getLast().seq();
        return new EventPage(events, next, more);
    }

    @Override
    public Optional<Event> find(TenantId tenant, String eventId) {
        return scope.inTenant(tenant, "reading event " + eventId, c -> {
            try (var st = c.prepareStatement(
                    "SELECT " + PostgresEventRows.EVENT_COLUMNS + " FROM events WHERE tenant_id = ? AND id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, eventId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(PostgresEventRows.readEvent(tenant, rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<RawDelivery> findRaw(TenantId tenant, String deliveryId) {
        return scope.inTenant(tenant, "reading delivery " + deliveryId, c -> {
            try (var st = c.prepareStatement("SELECT " + PostgresEventRows.DELIVERY_COLUMNS
                    + " FROM deliveries WHERE tenant_id = ? AND id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, deliveryId);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(PostgresEventRows.readDelivery(tenant, rs)) : Optional.empty();
                }
            }
        });
    }

    /** The committed counter: it moves in the same transaction as the events it counts. */
    @Override
    public long lastSeq(TenantId tenant) {
        return scope.inTenant(tenant, "reading the last seq", c -> {
            try (var st = c.prepareStatement("SELECT last_seq FROM event_sequences WHERE tenant_id = ?")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void close() {
        writer.close();
    }
}
