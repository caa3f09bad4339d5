package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.tenant.TenantId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row-level security on the graph's tables, behind the port's own scoping: a graph query that
 * forgets the tenant filter sees only the tenant its transaction named, and nothing without one.
 */
class PostgresGraphWallsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> GRAPH_TABLES = List.of(
            "graph_checkpoints",
            "graph_events",
            "entities",
            "entity_attributes",
            "entity_events",
            "relations",
            "relation_citations",
            "entity_aliases",
            "alias_owners",
            "entity_merges");

    private PostgresTestSchema schema;
    private PostgresStorage storage;

    @BeforeEach
    void openAndProjectTwoTenants() {
        schema = PostgresTestSchema.create();
        storage = PostgresStorage.open(schema.url(), 4);
        var alice = EntityRef.of("person", "github:alice", "alice");
        var aliceMail = EntityRef.of("person", "email:alice@example.com", "Alice");
        var pr = EntityRef.of("pull_request", "github:o/r/pull/1", "o/r#1");
        for (var t : List.of(ACME, GLOBEX)) {
            var opened = event(t, 1, alice, pr);
            var merged = event(t, 2, alice, pr);
            storage.graph()
                    .apply(
                            t,
                            List.of(
                                    new GraphStore.Projected(
                                            opened,
                                            List.of(
                                                    new GraphFact.Describes(pr, Map.of("state", "open"), T0),
                                                    new GraphFact.Relates(RelationType.OPENED, alice, pr, T0),
                                                    new GraphFact.Identifies(
                                                            alice,
                                                            Alias.email("alice@example.com"),
                                                            "alice's commit"))),
                                    new GraphStore.Projected(
                                            merged,
                                            List.of(
                                                    // asserted again: a citation row of its own
                                                    new GraphFact.Relates(RelationType.OPENED, alice, pr, T0),
                                                    new GraphFact.Identifies(
                                                            aliceMail,
                                                            Alias.email("alice@example.com"),
                                                            "commit by alice@example.com")))));
        }
    }

    private static Event event(TenantId tenant, long seq, EntityRef actor, EntityRef subject) {
        return new Event(
                "ev" + seq,
                tenant,
                seq,
                "github",
                "github.pull_request.opened",
                T0.plusSeconds(seq),
                T0.plusSeconds(seq),
                actor,
                List.of(subject),
                "t",
                "",
                Map.of(),
                "https://github.com/o/r/pull/1",
                "dl" + seq,
                List.of(),
                "k" + seq);
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

    private List<String> seenBy(TenantId tenant, String table) {
        return storage.scope().inTenant(tenant, "probe", c -> distinctTenants(c, table));
    }

    private List<String> seenWithoutTenant(String table) {
        return storage.scope().withoutTenant("probe", c -> distinctTenants(c, table));
    }

    private static List<String> distinctTenants(java.sql.Connection c, String table) throws SQLException {
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "graph_checkpoints",
                "graph_events",
                "entities",
                "entity_attributes",
                "entity_events",
                "relations",
                "relation_citations",
                "entity_aliases",
                "alias_owners",
                "entity_merges"
            })
    void aGraphQueryThatForgetsTheTenantFilterSeesOnlyTheTenantItsTransactionNamed(String table) {
        assertThat(seenBy(ACME, table)).containsExactly("acme");
        assertThat(seenBy(GLOBEX, table)).containsExactly("globex");
    }

    @Test
    void aGraphQueryWithoutTheTenantSettingSeesNothing() {
        for (String table : GRAPH_TABLES) {
            assertThat(seenWithoutTenant(table)).as(table).isEmpty();
        }
    }

    @Test
    void aTransactionCannotWriteOrRemoveAnotherTenantsGraph() {
        assertThatThrownBy(() -> storage.scope().inTenant(ACME, "forging", c -> {
                    try (var st =
                            c.prepareStatement("INSERT INTO graph_checkpoints (tenant_id, seq) VALUES ('other', 7)")) {
                        return st.executeUpdate();
                    }
                }))
                .hasMessageContaining("row-level security");
        int removed = storage.scope().inTenant(ACME, "removing", c -> {
            try (var st = c.prepareStatement("DELETE FROM entities WHERE tenant_id = 'globex'")) {
                return st.executeUpdate();
            }
        });
        assertThat(removed).isZero();
        assertThat(storage.graph().checkpoint(GLOBEX)).isEqualTo(2);
        assertThat(storage.graph().find(GLOBEX, "o/r", null, 10)).isNotEmpty();
    }

    @Test
    void theApplicationRoleCannotTruncateTheGraph() {
        assertThatThrownBy(() -> storage.scope().inTenant(ACME, "truncating", c -> {
                    try (var st = c.createStatement()) {
                        return st.executeUpdate("TRUNCATE entities");
                    }
                }))
                .hasMessageContaining("permission denied");
    }
}
