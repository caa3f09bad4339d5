package dev.lightfast.store.outbox;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.subscription.SealedKeys;
import dev.lightfast.core.subscription.Subscription;
import dev.lightfast.core.subscription.SubscriptionFilter;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscriptions in SQL (both stores, through their {@link SqlDialect}); tables of V7__subscriptions.sql. */
public final class SqlSubscriptionStore implements SubscriptionStore {
    private static final String COLUMNS =
            "tenant_id, id, url, description, filter, rate_limit, created_at, updated_at, disabled_at, disabled_reason";

    private final SqlDialect db;

    public SqlSubscriptionStore(SqlDialect db) {
        this.db = db;
    }

    @Override
    public Subscription create(Subscription s, SealedKeys keys, Map<String, Long> cursors) {
        return db.write(s.tenant(), "creating subscription " + s.id(), c -> {
            try (var st = c.prepareStatement("INSERT INTO subscriptions (" + COLUMNS
                    + ", secret, previous_secret, previous_until) VALUES (?, ?, ?, ?, " + db.jsonParameter()
                    + ", ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, s.tenant().value());
                st.setString(2, s.id());
                setSettings(st, 3, s);
                st.setString(11, keys.current());
                st.setString(12, keys.previous());
                db.setTime(st, 13, keys.previousUntil());
                st.executeUpdate();
            }
            try (var st = c.prepareStatement(
                    "INSERT INTO outbox_queues (tenant_id, subscription_id, next_position) VALUES (?, ?, 1)")) {
                st.setString(1, s.tenant().value());
                st.setString(2, s.id());
                st.executeUpdate();
            }
            try (var st = c.prepareStatement("INSERT INTO outbox_cursors (tenant_id, subscription_id, source, position)"
                    + " VALUES (?, ?, ?, ?)")) {
                for (var cursor : cursors.entrySet()) {
                    st.setString(1, s.tenant().value());
                    st.setString(2, s.id());
                    st.setString(3, cursor.getKey());
                    st.setLong(4, cursor.getValue());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return find(c, s.tenant(), s.id()).orElseThrow();
        });
    }

    /** url, description, filter, rate_limit, created_at, updated_at, disabled_at, disabled_reason from {@code i}. */
    private void setSettings(java.sql.PreparedStatement st, int i, Subscription s) throws SQLException {
        st.setString(i, s.url());
        st.setString(i + 1, s.description());
        st.setString(i + 2, Json.MAPPER.writeValueAsString(s.filter()));
        if (s.rateLimit() == null) {
            st.setNull(i + 3, Types.INTEGER);
        } else {
            st.setInt(i + 3, s.rateLimit());
        }
        db.setTime(st, i + 4, s.createdAt());
        db.setTime(st, i + 5, s.updatedAt());
        db.setTime(st, i + 6, s.disabledAt());
        st.setString(i + 7, s.disabledReason());
    }

    @Override
    public Optional<Subscription> find(TenantId tenant, String id) {
        return db.read(tenant, "reading subscription " + id, c -> find(c, tenant, id));
    }

    private Optional<Subscription> find(Connection c, TenantId tenant, String id) throws SQLException {
        try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM subscriptions WHERE tenant_id = ? AND id = ?")) {
            st.setString(1, tenant.value());
            st.setString(2, id);
            try (var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public List<Subscription> list(TenantId tenant) {
        return db.read(tenant, "listing subscriptions", c -> {
            try (var st =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM subscriptions WHERE tenant_id = ? ORDER BY id")) {
                st.setString(1, tenant.value());
                var all = new ArrayList<Subscription>();
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(subscription(rs));
                    }
                }
                return all;
            }
        });
    }

    @Override
    public boolean update(Subscription s) {
        return db.write(s.tenant(), "changing subscription " + s.id(), c -> {
            var before = find(c, s.tenant(), s.id());
            if (before.isEmpty()) {
                return false;
            }
            try (var st = c.prepareStatement("UPDATE subscriptions SET url = ?, description = ?, filter = "
                    + db.jsonParameter() + ", rate_limit = ?, created_at = ?, updated_at = ?, disabled_at = ?,"
                    + " disabled_reason = ? WHERE tenant_id = ? AND id = ?")) {
                setSettings(st, 1, s);
                st.setString(9, s.tenant().value());
                st.setString(10, s.id());
                st.executeUpdate();
            }
            if (!before.get().active() && s.active()) {
                // Enabled again: the endpoint gets a fresh five days, and what waited goes out now.
                try (var st = c.prepareStatement("UPDATE outbox_queues SET failing_since = NULL"
                        + " WHERE tenant_id = ? AND subscription_id = ?")) {
                    st.setString(1, s.tenant().value());
                    st.setString(2, s.id());
                    st.executeUpdate();
                }
                try (var st = c.prepareStatement("UPDATE outbox_messages SET next_attempt_at = NULL WHERE tenant_id = ?"
                        + " AND subscription_id = ? AND state = 'pending' AND next_attempt_at IS NOT NULL")) {
                    st.setString(1, s.tenant().value());
                    st.setString(2, s.id());
                    st.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public boolean delete(TenantId tenant, String id) {
        return db.write(tenant, "deleting subscription " + id, c -> {
            for (String table : List.of("outbox_attempts", "outbox_messages", "outbox_cursors", "outbox_queues")) {
                try (var st =
                        c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ? AND subscription_id = ?")) {
                    st.setString(1, tenant.value());
                    st.setString(2, id);
                    st.executeUpdate();
                }
            }
            try (var st = c.prepareStatement("DELETE FROM subscriptions WHERE tenant_id = ? AND id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<SealedKeys> keys(TenantId tenant, String id) {
        return db.read(tenant, "reading the secrets of subscription " + id, c -> {
            try (var st = c.prepareStatement("SELECT secret, previous_secret, previous_until FROM subscriptions"
                    + " WHERE tenant_id = ? AND id = ?")) {
                st.setString(1, tenant.value());
                st.setString(2, id);
                try (var rs = st.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new SealedKeys(
                                    rs.getString("secret"),
                                    rs.getString("previous_secret"),
                                    db.time(rs, "previous_until")))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean rotate(TenantId tenant, String id, SealedKeys keys) {
        return db.write(tenant, "rotating the secret of subscription " + id, c -> {
            try (var st = c.prepareStatement("UPDATE subscriptions SET secret = ?, previous_secret = ?,"
                    + " previous_until = ? WHERE tenant_id = ? AND id = ?")) {
                st.setString(1, keys.current());
                st.setString(2, keys.previous());
                db.setTime(st, 3, keys.previousUntil());
                st.setString(4, tenant.value());
                st.setString(5, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    private Subscription subscription(ResultSet rs) throws SQLException {
        int rate = rs.getInt("rate_limit");
        Integer rateLimit = rs.wasNull() ? null : rate;
        return new Subscription(
                rs.getString("id"),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("url"),
                rs.getString("description"),
                Json.MAPPER.readValue(rs.getString("filter"), SubscriptionFilter.class),
                rateLimit,
                db.time(rs, "created_at"),
                db.time(rs, "updated_at"),
                db.time(rs, "disabled_at"),
                rs.getString("disabled_reason"));
    }
}
