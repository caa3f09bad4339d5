package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.secret.SecretUnreadable;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL never holds a usable webhook secret alone: they are sealed with a key the servers are
 * given (never the database), sealed when written before, sealed again on rotation, and a server
 * without the key refuses to start.
 */
class PostgresSecretsAtRestTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SECRET = "It's a Secret to Everybody";

    private PostgresTestSchema schema;
    private final byte[] keyA = SecretKeys.newKey();
    private final byte[] keyB = SecretKeys.newKey();

    @BeforeEach
    void create() {
        schema = PostgresTestSchema.create();
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    private PostgresStorage open(byte[] current, byte[]... retired) {
        return PostgresStorage.open(schema.url(), 4, SecretKeys.of(current, List.of(retired), "test"));
    }

    private static void connect(PostgresStorage storage, TenantId tenant, String id) {
        if (storage.tenants().find(tenant).isEmpty()) {
            storage.tenants()
                    .create(
                            new Tenant(tenant, tenant.value(), T0),
                            ApiKeys.issue(tenant, T0).stored());
        }
        storage.connections().create(new Connection(id, tenant, "github", SECRET, T0));
    }

    /** The column as the database holds it, read by its owner (a superuser here, past every wall). */
    private String stored(String id) throws Exception {
        try (var c = schema.owner();
                var st = c.prepareStatement("SELECT secret FROM connections WHERE id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void setInTheClear(String id, String secret) throws Exception {
        try (var c = schema.owner();
                var st = c.prepareStatement("UPDATE connections SET secret = ? WHERE id = ?")) {
            st.setString(1, secret);
            st.setString(2, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void secrets_are_sealed_in_the_database_sealed_when_written_before_and_sealed_again_on_rotation() throws Exception {
        String idA = SecretKeys.of(keyA, List.of(), "a").currentId();
        String idB = SecretKeys.of(keyB, List.of(), "b").currentId();
        try (var storage = open(keyA)) {
            connect(storage, ACME, "con_a");
            connect(storage, GLOBEX, "con_g");
            assertThat(storage.connections().find("con_g").orElseThrow().secret())
                    .isEqualTo(SECRET);
        }
        assertThat(stored("con_a")).startsWith(SecretKeys.PREFIX + idA + ":").doesNotContain("Secret");

        setInTheClear("con_g", "plain from before");
        try (var storage = open(keyA)) {
            assertThat(storage.connections().find("con_g").orElseThrow().secret())
                    .isEqualTo("plain from before");
        }
        assertThat(stored("con_g")).startsWith(SecretKeys.PREFIX + idA + ":");

        try (var storage = open(keyB, keyA)) {
            assertThat(storage.connections().list(ACME))
                    .extracting(Connection::secret)
                    .containsExactly(SECRET);
        }
        assertThat(stored("con_a")).startsWith(SecretKeys.PREFIX + idB + ":");
        assertThat(stored("con_g")).startsWith(SecretKeys.PREFIX + idB + ":");
    }

    @Test
    void a_server_without_the_key_refuses_to_start_saying_which_key_it_lacks() {
        try (var storage = open(keyA)) {
            connect(storage, ACME, "con_a");
        }
        assertThatThrownBy(() -> open(keyB).close())
                .isInstanceOf(SecretUnreadable.class)
                .hasMessageContaining(SecretKeys.of(keyA, List.of(), "a").currentId())
                .hasMessageContaining("LIGHTFAST_SECRET_KEY");
    }

    @Test
    void servers_starting_at_once_seal_the_secrets_once() throws Exception {
        try (var storage = open(keyA)) {
            connect(storage, ACME, "con_a");
        }
        setInTheClear("con_a", "plain");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            var opened = new java.util.ArrayList<java.util.concurrent.Future<PostgresStorage>>();
            for (int i = 0; i < 3; i++) {
                opened.add(pool.submit(() -> open(keyA)));
            }
            for (var f : opened) {
                try (var storage = f.get()) {
                    assertThat(storage.connections().find("con_a").orElseThrow().secret())
                            .isEqualTo("plain");
                }
            }
        }
        assertThat(stored("con_a")).startsWith(SecretKeys.PREFIX);
    }
}
