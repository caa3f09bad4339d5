package dev.lightfast.store.postgres;

import dev.lightfast.core.search.EmbeddingStore;
import dev.lightfast.core.tenant.TenantId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Event vectors in PostgreSQL, computed under a per-tenant lease as the graph is projected: the
 * lease is the transaction holding the tenant's {@code embedding_leases} row, so a server that
 * dies while computing loses the lease and its unwritten vectors together, and one that falls
 * silent loses it after {@link PostgresGraphStore#LEASE_EXPIRY}.
 */
final class PostgresEmbeddingStore implements EmbeddingStore {
    private final TenantScope scope;
    /** Lease rows known to exist ("tenant model"): made once, each in a transaction of its own. */
    private final Set<String> leaseRows = ConcurrentHashMap.newKeySet();

    PostgresEmbeddingStore(TenantScope scope) {
        this.scope = scope;
    }

    @Override
    public Map<Long, float[]> find(TenantId tenant, String model, Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return Map.of();
        }
        return scope.inTenant(tenant, "reading event vectors of tenant " + tenant, c -> read(c, tenant, model, seqs));
    }

    @Override
    public Optional<Map<Long, float[]>> computeMissing(
            TenantId tenant, String model, List<Long> seqs, Function<List<Long>, List<float[]>> compute) {
        ensureLeaseRow(tenant, model);
        return scope.inTenant(tenant, "computing event vectors of tenant " + tenant, c -> {
            if (!takeLease(c, tenant, model, PostgresGraphStore.LEASE_EXPIRY)) {
                return Optional.empty();
            }
            // Read again under the lease: the previous holder may have stored some of them meanwhile.
            Map<Long, float[]> vectors = read(c, tenant, model, seqs);
            List<Long> missing =
                    seqs.stream().filter(seq -> !vectors.containsKey(seq)).toList();
            if (!missing.isEmpty()) {
                // The session is idle while the model runs: a chunk takes well under a second, far inside
                // the lease's expiry. Were it to take longer, the insert fails and another server takes over.
                List<float[]> computed = compute.apply(missing);
                if (computed.size() != missing.size()) {
                    throw new IllegalStateException("asked for " + missing.size() + " vectors, got " + computed.size());
                }
                try (var st = c.prepareStatement(
                        "INSERT INTO event_vectors (tenant_id, model, seq, vector) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")) {
                    for (int i = 0; i < missing.size(); i++) {
                        st.setString(1, tenant.value());
                        st.setString(2, model);
                        st.setLong(3, missing.get(i));
                        st.setBytes(4, bytes(computed.get(i)));
                        st.addBatch();
                        vectors.put(missing.get(i), computed.get(i));
                    }
                    st.executeBatch();
                }
            }
            return Optional.of(vectors);
        });
    }

    /**
     * Makes the tenant's lease row in a transaction of its own, so that it is there, committed,
     * before anyone locks it: a row inserted inside a computing transaction would make every other
     * server's insert wait for that whole computation.
     */
    void ensureLeaseRow(TenantId tenant, String model) {
        if (leaseRows.contains(tenant.value() + " " + model)) {
            return;
        }
        scope.inTenant(tenant, "making the embedding lease of tenant " + tenant, c -> {
            try (var st = c.prepareStatement(
                    "INSERT INTO embedding_leases (tenant_id, model) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, tenant.value());
                st.setString(2, model);
                return st.executeUpdate();
            }
        });
        leaseRows.add(tenant.value() + " " + model);
    }

    /**
     * Locks the tenant's lease row (made by {@link #ensureLeaseRow}) for this transaction; false
     * when another transaction holds it.
     */
    static boolean takeLease(Connection c, TenantId tenant, String model, Duration expiry) throws SQLException {
        TenantScope.expireIfSilent(c, expiry);
        try (var st = c.prepareStatement(
                "SELECT 1 FROM embedding_leases WHERE tenant_id = ? AND model = ? FOR UPDATE SKIP LOCKED")) {
            st.setString(1, tenant.value());
            st.setString(2, model);
            try (var rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Map<Long, float[]> read(Connection c, TenantId tenant, String model, Collection<Long> seqs)
            throws SQLException {
        var vectors = new HashMap<Long, float[]>();
        try (var st = c.prepareStatement(
                "SELECT seq, vector FROM event_vectors WHERE tenant_id = ? AND model = ? AND seq = ANY (?)")) {
            st.setString(1, tenant.value());
            st.setString(2, model);
            st.setArray(3, c.createArrayOf("bigint", new ArrayList<>(seqs).toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    vectors.put(rs.getLong(1), floats(rs.getBytes(2)));
                }
            }
        }
        return vectors;
    }

    private static byte[] bytes(float[] vector) {
        var buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        var floats = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
        return floats;
    }
}
