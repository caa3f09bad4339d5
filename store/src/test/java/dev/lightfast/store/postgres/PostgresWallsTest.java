package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
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
 * The database's own walls, behind the port's: row-level security keeps a transaction to the
 * tenant it named even when a query forgets to filter, and the application role cannot change or
 * remove the log (nor can anyone else).
 */
class PostgresWallsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> TENANT_TABLES =
            List.of("events", "deliveries", "api_keys", "connections", "event_sequences");

    private PostgresTestSchema schema;
    private PostgresStorage storage;

    @BeforeEach
    void openAndSeedTwoTenants() {
        schema = PostgresTestSchema.create();
        storage = PostgresStorage.open(schema.url(), 4);
        for (var t : List.of(ACME, GLOBEX)) {
            storage.tenants()
                    .create(new Tenant(t, t.value(), T0), ApiKeys.issue(t, T0).stored());
            storage.connections().create(new Connection("con_" + t, t, "github", "secret", T0));
            storage.eventLog().append(t, List.of(delivery("d1", 2), delivery("d2", 1)));
        }
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

    private EventLog log() {
        return storage.eventLog();
    }

    private static IncomingDelivery delivery(String key, int events) {
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i < events; i++) {
            drafts.add(EventDraft.builder("github", "github.push")
                    .occurredAt(T0)
                    .title(key + " " + i)
                    .idempotencyKey(key + "/" + i)
                    .build());
        }
        return new IncomingDelivery("github", null, key, "push", Map.of(), new byte[] {'{', '}'}, T0, drafts);
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
    @ValueSource(strings = {"events", "deliveries", "api_keys", "connections", "event_sequences"})
    void aQueryThatForgetsTheTenantFilterSeesOnlyTheTenantItsTransactionNamed(String table) {
        assertThat(seenBy(ACME, table)).containsExactly("acme");
        assertThat(seenBy(GLOBEX, table)).containsExactly("globex");
    }

    @Test
    void aTransactionThatNamesNoTenantSeesNoTenantData() {
        for (String table : TENANT_TABLES) {
            assertThat(seenWithoutTenant(table)).as(table).isEmpty();
        }
        // The directory of tenants is not tenant data: admin calls list it.
        assertThat(storage.tenants().list()).hasSize(2);
    }

    @Test
    void theTenantSettingEndsWithItsTransaction() {
        // Same thread, so the pool hands back the connection just used.
        assertThat(seenBy(ACME, "events")).containsExactly("acme");
        String leftOver = storage.scope().withoutTenant("probe", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT current_setting('lightfast.tenant', true)")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(leftOver).isNullOrEmpty();
        assertThat(seenWithoutTenant("events")).isEmpty();
    }

    @Test
    void aLookupByIdSeesThatOneRowAndNothingElse() {
        List<String> seen = storage.scope().naming(TenantScope.CONNECTION_ID, "con_globex", "probe", c -> {
            var rows = new ArrayList<String>();
            try (var rs = c.createStatement().executeQuery("SELECT id FROM connections")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            rows.addAll(distinctTenants(c, "events"));
            rows.addAll(distinctTenants(c, "api_keys"));
            return rows;
        });
        assertThat(seen).containsExactly("con_globex");
    }

    @Test
    void aTransactionCannotWriteRowsOfAnotherTenant() {
        assertThatThrownBy(() -> storage.scope().inTenant(ACME, "forging", c -> {
                    try (var st =
                            c.prepareStatement("INSERT INTO connections (tenant_id, id, provider, secret, created_at)"
                                    + " VALUES ('globex', 'con_forged', 'github', 's', now())")) {
                        return st.executeUpdate();
                    }
                }))
                .hasMessageContaining("row-level security");
        assertThat(storage.connections().find("con_forged")).isEmpty();
    }

    @Test
    void theServerWorksAsARoleThatIsNeitherSuperuserNorOwner() {
        List<String> who = storage.scope().withoutTenant("probe", c -> {
            try (var rs = c.createStatement()
                    .executeQuery("SELECT current_user, r.rolsuper, r.rolbypassrls,"
                            + " (SELECT tableowner FROM pg_tables WHERE tablename = 'events' AND schemaname = current_schema())"
                            + " FROM pg_roles r WHERE r.rolname = current_user")) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        });
        assertThat(who.get(0)).isEqualTo(ApplicationRole.NAME);
        assertThat(who.get(1)).isEqualTo("f");
        assertThat(who.get(2)).isEqualTo("f");
        assertThat(who.get(3)).isNotEqualTo(ApplicationRole.NAME);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE events SET title = 'forged'",
                "DELETE FROM events",
                "TRUNCATE events",
                "UPDATE deliveries SET body = 'forged'",
                "DELETE FROM deliveries",
                "TRUNCATE deliveries",
                "DELETE FROM event_sequences",
                "UPDATE event_sequences SET last_seq = 1"
            })
    void theApplicationRoleCannotRewriteHistory(String sql) {
        assertThatThrownBy(() -> storage.scope()
                        .inTenant(ACME, "rewriting", c -> c.createStatement().executeUpdate(sql)))
                .hasRootCauseInstanceOf(SQLException.class)
                .satisfies(e ->
                        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("42501"));
        assertThat(log().lastSeq(ACME)).isEqualTo(3);
        assertThat(log().find(
                                ACME,
                                log().read(ACME, EventQuery.all(1))
                                        .events()
                                        .getFirst()
                                        .id())
                        .orElseThrow()
                        .title())
                .isNotEqualTo("forged");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE events SET title = 'forged'",
                "DELETE FROM events",
                "TRUNCATE events",
                "UPDATE deliveries SET body = 'forged'",
                "DELETE FROM deliveries",
                "TRUNCATE deliveries"
            })
    void noRoleCanRewriteHistoryNotEvenTheOwner(String sql) throws SQLException {
        try (var owner = schema.owner();
                var st = owner.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate(sql)).hasMessageContaining("append-only");
        }
        assertThat(log().read(ACME, EventQuery.all(10)).events()).hasSize(3);
    }
}
