package dev.lightfast.store.sqlite;

import dev.lightfast.core.coverage.ConnectionActivity;
import dev.lightfast.core.tenant.TenantId;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Each connection's deliveries and the days its events occurred on, read from the log's tables. */
final class SqliteConnectionActivity implements ConnectionActivity {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private final DataSource ds;

    SqliteConnectionActivity(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public List<Activity> activity(TenantId tenant, Instant from, Instant to) {
        try (var c = ds.getConnection()) {
            var counts = new LinkedHashMap<String, Long>();
            try (var st = c.prepareStatement(
                    "SELECT connection_id, count(*) FROM deliveries"
                            + " WHERE tenant_id = ? AND connection_id IS NOT NULL GROUP BY connection_id ORDER BY connection_id")) {
                st.setString(1, tenant.value());
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            var days = new LinkedHashMap<String, TreeMap<LocalDate, Long>>();
            try (var st = c.prepareStatement("SELECT d.connection_id, e.occurred_at / " + MICROS_PER_DAY
                    + ", count(*) FROM events e JOIN deliveries d ON d.tenant_id = e.tenant_id AND d.id = e.delivery_id"
                    + " WHERE e.tenant_id = ? AND e.occurred_at >= ? AND e.occurred_at < ?"
                    + " AND d.connection_id IS NOT NULL GROUP BY 1, 2")) {
                st.setString(1, tenant.value());
                st.setLong(2, EpochMicros.of(from));
                st.setLong(3, EpochMicros.of(to));
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        days.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                .put(LocalDate.ofEpochDay(rs.getLong(2)), rs.getLong(3));
                    }
                }
            }
            var out = new ArrayList<Activity>();
            try (var st = c.prepareStatement("SELECT id, received_at, event_name FROM deliveries"
                    + " WHERE tenant_id = ? AND connection_id = ? ORDER BY received_at DESC, id DESC LIMIT 1")) {
                for (var e : counts.entrySet()) {
                    st.setString(1, tenant.value());
                    st.setString(2, e.getKey());
                    try (var rs = st.executeQuery()) {
                        rs.next();
                        out.add(new Activity(
                                e.getKey(),
                                rs.getString(1),
                                EpochMicros.toInstant(rs.getLong(2)),
                                rs.getString(3),
                                e.getValue(),
                                days.getOrDefault(e.getKey(), new TreeMap<>())));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the connections' activity of " + tenant + " failed", e);
        }
    }
}
