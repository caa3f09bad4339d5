package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.RuleStoreContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresRuleStoreTest extends RuleStoreContract {
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
    protected RuleStore rules() {
        return storage.rules();
    }

    private static RuleDelta empty(long from, long to) {
        return new RuleDelta(from, to, null, List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /** While one server holds the tenant's lease, another's batch is refused, not queued behind it. */
    @Test
    void a_batch_is_refused_while_another_server_holds_the_tenants_lease() throws Exception {
        assertThat(storage.rules().apply(ACME, empty(0, 1))).isTrue();
        try (var other = PostgresStorage.open(schema.url(), 4)) {
            var held = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var holder = Executors.newSingleThreadExecutor();
            var holding = holder.submit(() -> storage.scope().inTenant(ACME, "holding the lease", c -> {
                try (var st = c.prepareStatement("SELECT seq FROM rule_checkpoints WHERE tenant_id = ? FOR UPDATE")) {
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
            long started = System.nanoTime();
            assertThat(other.rules().apply(ACME, empty(1, 2))).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                    .isLessThan(10);
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);
            holder.shutdown();
            assertThat(other.rules().apply(ACME, empty(1, 2))).isTrue();
            assertThat(storage.rules().checkpoint(ACME).seq()).isEqualTo(2);
        }
    }

    /** Several servers racing to write the same batch: exactly one writes it. */
    @Test
    void of_servers_racing_with_the_same_batch_exactly_one_writes_it() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var servers =
                    List.of(storage, PostgresStorage.open(schema.url(), 4), PostgresStorage.open(schema.url(), 4));
            try {
                for (long step = 0; step < 10; step++) {
                    long from = step;
                    var results = pool.invokeAll(servers.stream()
                            .<java.util.concurrent.Callable<Boolean>>map(s ->
                                    () -> s.rules().apply(ACME, empty(from, from + 1)))
                            .toList());
                    long won = 0;
                    for (var r : results) {
                        won += r.get() ? 1 : 0;
                    }
                    assertThat(won).as("step " + step).isEqualTo(1);
                }
            } finally {
                servers.get(1).close();
                servers.get(2).close();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(storage.rules().checkpoint(ACME).seq()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rule_checkpoints",
                "violations",
                "violation_entities",
                "pending_expectations",
                "rule_errors",
                "rule_error_counts"
            })
    void row_level_security_holds_every_rules_table_to_the_transactions_tenant(String table) throws Exception {
        var v = new dev.lightfast.core.rule.Violation(
                "vio_x",
                new dev.lightfast.core.rule.Violation.RuleRef("r1", 1, "r", dev.lightfast.core.rule.Severity.LOW),
                "expect",
                dev.lightfast.core.rule.Violation.Status.OPEN,
                "why",
                new dev.lightfast.core.event.Citation("ev1", 1, "a.b", null, java.time.Instant.EPOCH),
                1,
                java.time.Instant.EPOCH,
                null,
                List.of(),
                List.of("ent_a"),
                null,
                null,
                null,
                null,
                true);
        for (var t : List.of(ACME, GLOBEX)) {
            storage.rules()
                    .apply(
                            t,
                            new RuleDelta(
                                    0,
                                    1,
                                    java.time.Instant.EPOCH,
                                    List.of(v),
                                    List.of(),
                                    List.of(new dev.lightfast.core.rule.PendingExpectation(
                                            "vio_p",
                                            "r1",
                                            1,
                                            "ev1",
                                            1,
                                            java.time.Instant.EPOCH,
                                            java.time.Instant.EPOCH)),
                                    List.of(),
                                    List.of(new dev.lightfast.core.rule.RuleError(
                                            "r1", 1, "on.if", "ev1", 1, java.time.Instant.EPOCH, "x")),
                                    Map.of("r1", 1L)));
        }
        assertThat(seen(ACME, table)).containsExactly("acme");
        assertThat(seen(GLOBEX, table)).containsExactly("globex");
        List<String> none = storage.scope().withoutTenant("probe", c -> distinct(c, table));
        assertThat(none).isEmpty();
    }

    private List<String> seen(dev.lightfast.core.tenant.TenantId tenant, String table) {
        return storage.scope().inTenant(tenant, "probe", c -> distinct(c, table));
    }

    private static List<String> distinct(java.sql.Connection c, String table) throws SQLException {
        // No WHERE tenant_id = ?: the query that forgot.
        try (var st = c.createStatement();
                var rs = st.executeQuery("SELECT DISTINCT tenant_id FROM " + table)) {
            var out = new java.util.ArrayList<String>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
