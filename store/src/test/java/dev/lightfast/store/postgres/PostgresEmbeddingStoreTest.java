package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.tenant.TenantId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event vectors shared by several servers on one database: computed once per event between them
 * under the tenant's lease, read back bit for bit, and walled by tenant like everything else.
 */
class PostgresEmbeddingStoreTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final String MODEL = "test-model";

    private PostgresTestSchema schema;
    private final List<PostgresStorage> servers = new ArrayList<>();

    @BeforeEach
    void open() {
        schema = PostgresTestSchema.create();
        for (int s = 0; s < 3; s++) {
            servers.add(PostgresStorage.open(schema.url(), 4));
        }
    }

    @AfterEach
    void close() {
        servers.forEach(PostgresStorage::close);
        if (schema != null) {
            schema.close();
        }
    }

    private PostgresEmbeddingStore store(int server) {
        return (PostgresEmbeddingStore) servers.get(server).embeddings().orElseThrow();
    }

    /** A vector that says which seq it was made for, with values that do not round-trip as text. */
    private static float[] vectorOf(long seq) {
        return new float[] {seq, 1f / 3, -0f, Float.MIN_VALUE, (float) Math.PI * seq};
    }

    private static List<float[]> vectorsOf(List<Long> seqs) {
        return seqs.stream().map(PostgresEmbeddingStoreTest::vectorOf).toList();
    }

    @Test
    void computedVectorsAreStoredOnceAndReadBackExactly() {
        var computed = new AtomicInteger();
        Optional<Map<Long, float[]>> first = store(0).computeMissing(ACME, MODEL, List.of(1L, 2L, 3L), seqs -> {
            computed.addAndGet(seqs.size());
            return vectorsOf(seqs);
        });
        assertThat(first).hasValueSatisfying(v -> assertThat(v).containsOnlyKeys(1L, 2L, 3L));
        // Another server asks for an overlapping range: only the new seqs are computed.
        var second = store(1).computeMissing(ACME, MODEL, List.of(2L, 3L, 4L), seqs -> {
            assertThat(seqs).containsExactly(4L);
            computed.addAndGet(seqs.size());
            return vectorsOf(seqs);
        });
        assertThat(second).hasValueSatisfying(v -> assertThat(v).containsOnlyKeys(2L, 3L, 4L));
        assertThat(computed).hasValue(4);
        var read = store(2).find(ACME, MODEL, List.of(1L, 2L, 3L, 4L, 5L));
        assertThat(read).containsOnlyKeys(1L, 2L, 3L, 4L);
        read.forEach((seq, v) -> assertThat(v).containsExactly(vectorOf(seq)));
        assertThat(store(2).find(ACME, "another-model", List.of(1L))).isEmpty();
    }

    @Test
    void aTenantNeverSeesAnotherTenantsVectors() throws SQLException {
        store(0).computeMissing(ACME, MODEL, List.of(1L, 2L), PostgresEmbeddingStoreTest::vectorsOf);
        assertThat(store(1).find(GLOBEX, MODEL, List.of(1L, 2L))).isEmpty();
        // Globex's seq 1 is its own event: it is computed for globex, not taken from acme.
        var computed = new AtomicInteger();
        store(1).computeMissing(GLOBEX, MODEL, List.of(1L), seqs -> {
            computed.addAndGet(seqs.size());
            return List.of(new float[] {42});
        });
        assertThat(computed).hasValue(1);
        assertThat(store(0).find(ACME, MODEL, List.of(1L)).get(1L)).containsExactly(vectorOf(1));
        // Row-level security, behind the port: a query naming no tenant filter sees only its own.
        List<String> seen = servers.get(0).scope().inTenant(GLOBEX, "probe", c -> {
            var tenants = new ArrayList<String>();
            try (var rs = c.createStatement().executeQuery("SELECT DISTINCT tenant_id FROM event_vectors")) {
                while (rs.next()) {
                    tenants.add(rs.getString(1));
                }
            }
            return tenants;
        });
        assertThat(seen).containsExactly("globex");
    }

    @Test
    void whileAnotherServerHoldsTheLeaseNothingIsComputedHere() throws Exception {
        store(0).ensureLeaseRow(ACME, MODEL);
        try (var holder = schema.owner()) {
            holder.setAutoCommit(false);
            TenantScope.set(holder, TenantScope.TENANT, "acme");
            assertThat(PostgresEmbeddingStore.takeLease(holder, ACME, MODEL, java.time.Duration.ofSeconds(30)))
                    .isTrue();
            var result = store(0).computeMissing(ACME, MODEL, List.of(1L), seqs -> {
                throw new AssertionError("computed while another server holds the lease");
            });
            assertThat(result).isEmpty();
            // Another tenant's lease is another row.
            assertThat(store(0).computeMissing(GLOBEX, MODEL, List.of(1L), PostgresEmbeddingStoreTest::vectorsOf))
                    .isPresent();
            holder.rollback();
        }
        assertThat(store(0).computeMissing(ACME, MODEL, List.of(1L), PostgresEmbeddingStoreTest::vectorsOf))
                .isPresent();
    }

    @Test
    void aComputationThatFailsStoresNothingAndReleasesTheLease() {
        assertThatThrownBy(() -> store(0).computeMissing(ACME, MODEL, List.of(1L, 2L), seqs -> {
                    throw new IllegalStateException("the model fell over");
                }))
                .hasMessageContaining("the model fell over");
        assertThat(store(1).find(ACME, MODEL, List.of(1L, 2L))).isEmpty();
        assertThat(store(1).computeMissing(ACME, MODEL, List.of(1L, 2L), PostgresEmbeddingStoreTest::vectorsOf))
                .hasValueSatisfying(v -> assertThat(v).hasSize(2));
    }

    @Test
    void serversAskingForOverlappingRangesAtOnceComputeEachVectorOnce() throws Exception {
        int threads = 6;
        var computedSeqs = ConcurrentHashMap.<Long>newKeySet();
        var computations = new AtomicInteger();
        var barrier = new CyclicBarrier(threads);
        var tasks = new ArrayList<Callable<Void>>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                barrier.await();
                for (long from = 1; from <= 200; from += 20) {
                    // Overlapping windows, shifted per thread, each retried until its vectors are there.
                    List<Long> seqs = LongStream.rangeClosed(from + thread, from + thread + 29)
                            .boxed()
                            .toList();
                    Optional<Map<Long, float[]>> got;
                    while ((got = store(thread % 3).computeMissing(ACME, MODEL, seqs, missing -> {
                                computations.addAndGet(missing.size());
                                missing.forEach(seq -> assertThat(computedSeqs.add(seq))
                                        .as("seq %d computed twice", seq)
                                        .isTrue());
                                return vectorsOf(missing);
                            }))
                            .isEmpty()) {
                        Thread.onSpinWait();
                    }
                    got.get().forEach((seq, v) -> assertThat(v).containsExactly(vectorOf(seq)));
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (var f : pool.invokeAll(tasks)) {
                f.get();
            }
        }
        assertThat(computations.get()).isEqualTo(computedSeqs.size());
        assertThat(store(0).find(ACME, MODEL, computedSeqs)).hasSize(computedSeqs.size());
    }
}
