package dev.lightfast.store.postgres;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.copy.TenantDigest;
import dev.lightfast.store.copy.TenantRecords;
import java.sql.SQLException;

/**
 * Copies whole tenants into PostgreSQL as they are elsewhere: same ids, same seq, same bytes. Each
 * tenant goes in one transaction that reads back what it wrote and commits only when that matches
 * the source record for record, so a tenant is copied entirely or not at all.
 */
public final class PostgresImport {
    /** Rows per batched insert, and bytes of delivery bodies per batch. */
    private static final int BATCH_ROWS = 500;

    private static final long BATCH_BYTES = 16L << 20;

    private final TenantScope scope;
    private final SecretKeys keys;

    PostgresImport(TenantScope scope, SecretKeys keys) {
        this.scope = scope;
        this.keys = keys;
    }

    /** What PostgreSQL holds, for comparing with the source. */
    public TenantRecords records() {
        return new PostgresRecords(scope, keys);
    }

    /** True when the database holds anything of the tenant: its directory entry, deliveries or events. */
    public boolean holds(TenantId tenant) {
        return scope.inTenant(tenant, "looking for tenant " + tenant, c -> {
            try (var st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = ?)"
                    + " OR EXISTS (SELECT 1 FROM event_sequences WHERE tenant_id = ?)"
                    + " OR EXISTS (SELECT 1 FROM deliveries WHERE tenant_id = ?)"
                    + " OR EXISTS (SELECT 1 FROM events WHERE tenant_id = ?)")) {
                for (int i = 1; i <= 4; i++) {
                    st.setString(i, tenant.value());
                }
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Copies one tenant that the database does not hold yet; {@code expected} is the source's digest.
     *
     * @return the digest of what was committed, equal to {@code expected}
     * @throws IllegalStateException when the copy does not match; nothing is then written
     */
    public TenantDigest copy(TenantRecords source, TenantId tenant, TenantDigest expected) {
        return scope.inTenant(tenant, "copying tenant " + tenant, c -> {
            var t = source.tenant(tenant);
            if (t.isPresent()) {
                try (var st = c.prepareStatement("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)")) {
                    st.setString(1, tenant.value());
                    st.setString(2, t.get().name());
                    st.setObject(3, PostgresEventRows.time(t.get().createdAt()));
                    st.executeUpdate();
                }
            }
            // Take the tenant's seq turn first, as appends do: a server appending for this tenant
            // meanwhile waits, then continues after the copied log.
            try (var st = c.prepareStatement("INSERT INTO event_sequences (tenant_id, last_seq) VALUES (?, 0)")) {
                st.setString(1, tenant.value());
                st.executeUpdate();
            }
            for (var key : source.apiKeys(tenant)) {
                PostgresTenantStore.insertKey(c, key);
            }
            for (var connection : source.connections(tenant)) {
                PostgresConnectionStore.insert(c, connection, keys);
            }
            try (var st = c.prepareStatement(PostgresEventRows.INSERT_DELIVERY)) {
                var batch = new Batch(st);
                source.deliveries(tenant, d -> {
                    PostgresEventRows.bindDelivery(st, d, Json.MAPPER.writeValueAsString(d.headers()));
                    batch.added(d.body().length);
                });
                batch.flush();
            }
            long[] lastSeq = {0};
            try (var st = c.prepareStatement(PostgresEventRows.INSERT_EVENT)) {
                var batch = new Batch(st);
                source.events(tenant, e -> {
                    PostgresEventRows.bindEvent(st, e, PostgresEventRows.Serialized.of(e));
                    batch.added(e.body().length());
                    lastSeq[0] = Math.max(lastSeq[0], e.seq());
                });
                batch.flush();
            }
            try (var st = c.prepareStatement("UPDATE event_sequences SET last_seq = ? WHERE tenant_id = ?")) {
                st.setLong(1, lastSeq[0]);
                st.setString(2, tenant.value());
                st.executeUpdate();
            }
            var copied = TenantDigest.of(new PostgresRecords(c, keys), tenant);
            if (!copied.equals(expected)) {
                throw new IllegalStateException("the copy of tenant " + tenant + " does not match its source (source: "
                        + expected + ", copy: " + copied + "); nothing was written");
            }
            return copied;
        });
    }

    /** A batched insert flushed every so many rows or bytes. */
    private static final class Batch {
        private final java.sql.PreparedStatement st;
        private int rows;
        private long bytes;

        Batch(java.sql.PreparedStatement st) {
            this.st = st;
        }

        void added(long size) throws SQLException {
            st.addBatch();
            rows++;
            bytes += size;
            if (rows >= BATCH_ROWS || bytes >= BATCH_BYTES) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (rows > 0) {
                st.executeBatch();
                rows = 0;
                bytes = 0;
            }
        }
    }
}
