package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.claim.ClaimDelta;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.ClaimStoreContract;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternDelta;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claim store contract on PostgreSQL, in a schema of its own, as the application role under row-level security. */
class PostgresClaimStoreTest extends ClaimStoreContract {
    private PostgresTestSchema schema;
    private PostgresStorage storage;

    @BeforeEach
    void open() {
        schema = PostgresTestSchema.create();
        storage = PostgresStorage.open(schema.url(), 4);
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected ClaimStore claims() {
        return storage.claims();
    }

    private static ClaimDelta empty(long from, long to) {
        return new ClaimDelta(from, to, List.of(), List.of(), List.of());
    }

    /** While one server holds the tenant's lease, another's batch is refused, not queued behind it. */
    @Test
    void a_batch_is_refused_while_another_server_holds_the_tenants_lease() throws Exception {
        assertThat(storage.claims().apply(ACME, empty(0, 1))).isTrue();
        try (var other = PostgresStorage.open(schema.url(), 4)) {
            var held = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var holder = Executors.newSingleThreadExecutor();
            var holding = holder.submit(() -> storage.scope().inTenant(ACME, "holding the lease", c -> {
                try (var st = c.prepareStatement("SELECT seq FROM claim_checkpoints WHERE tenant_id = ? FOR UPDATE")) {
                    st.setString(1, "acme");
                    st.executeQuery().close();
                }
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.claims().apply(ACME, empty(1, 2))).isFalse();
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            holder.shutdown();
            assertThat(other.claims().apply(ACME, empty(1, 2))).isTrue();
            assertThat(storage.claims().checkpoint(ACME)).isEqualTo(2);
        }
    }

    /** Row-level security is the second wall: a query that forgets the tenant still sees only its own rows. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "claims",
                "claim_heads",
                "claim_conflicts",
                "claim_checkpoints",
                "pattern_observations",
                "pattern_checkpoints"
            })
    void a_query_that_forgets_the_tenant_filter_sees_only_its_tenants_rows(String table) {
        Instant t0 = Instant.parse("2026-11-20T14:00:00Z");
        for (var t : List.of(ACME, GLOBEX)) {
            var about = dev.lightfast.core.event.EntityRef.of("issue", "linear:ENG-1", "ENG-1");
            String id = dev.lightfast.core.graph.EntityIds.of(about);
            var cite = new Citation("ev1", 1, "linear.issue.created", null, t0);
            var claim = new dev.lightfast.core.claim.Claim(
                    "ev1#0", id, about, "state", "done", "Done", t0, 1, "linear", "owner", "linear", "Linear", null,
                    null, cite);
            var conflict = new dev.lightfast.core.claim.Conflict(id, about, "state", 1, t0, null, null, List.of(claim));
            assertThat(storage.claims()
                            .apply(t, new ClaimDelta(0, 1, List.of(claim), List.of(claim), List.of(conflict))))
                    .isTrue();
            var work =
                    new Observation.Work(id, new Answer.Ref(id, "issue", "ENG-1"), null, t0, 1, true, cite, List.of());
            assertThat(storage.patterns().apply(t, new PatternDelta(0, 1, t0, List.of(work))))
                    .isTrue();
        }
        List<String> seen = storage.scope().inTenant(ACME, "probe", c -> tenants(c, table));
        assertThat(seen).containsExactly("acme");
        List<String> none = storage.scope().withoutTenant("probe", c -> tenants(c, table));
        assertThat(none).isEmpty();
    }

    private static List<String> tenants(java.sql.Connection c, String table) throws SQLException {
        // No WHERE tenant_id = ?: this is the query that forgot.
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT DISTINCT tenant_id FROM " + table)) {
            var seen = new ArrayList<String>();
            while (rs.next()) {
                seen.add(rs.getString(1));
            }
            return seen;
        }
    }
}
