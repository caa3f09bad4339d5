package dev.lightfast.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionStore} must do. Each store's test extends this with a fresh, empty
 * store per test; connections belong to tenants, so it also hands over the same store's tenants.
 */
public abstract class ConnectionStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    /** An empty store, the same instance for the whole test method. */
    protected abstract ConnectionStore connections();

    /** The tenants of the same storage. */
    protected abstract TenantStore tenants();

    private void tenant(TenantId id) {
        if (tenants().find(id).isEmpty()) {
            tenants()
                    .create(
                            new Tenant(id, id.value(), T0),
                            ApiKeys.issue(id, T0).stored());
        }
    }

    private Connection connect(String id, TenantId tenant, Instant at) {
        tenant(tenant);
        return connections().create(new Connection(id, tenant, "github", "secret of " + id, at));
    }

    @Test
    void aConnectionIsFoundByItsIdAloneWithItsTenantAndSecret() {
        connect("con_a", ACME, T0);
        connect("con_g", GLOBEX, T0);
        assertThat(connections().find("con_g"))
                .contains(new Connection(
                        "con_g", GLOBEX, "github", "secret of con_g", T0.truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void anUnknownConnectionIsNotFound() {
        assertThat(connections().find("con_nope")).isEmpty();
        assertThat(connections().list(ACME)).isEmpty();
    }

    @Test
    void aTenantListsOnlyItsOwnInTheOrderTheyWereMade() {
        connect("con_2", ACME, T0.plusSeconds(2));
        connect("con_1", ACME, T0.plusSeconds(1));
        connect("con_x", GLOBEX, T0);
        connect("con_3", ACME, T0.plusSeconds(1));
        assertThat(connections().list(ACME)).extracting(Connection::id).containsExactly("con_1", "con_3", "con_2");
        assertThat(connections().list(GLOBEX)).extracting(Connection::id).containsExactly("con_x");
    }

    @Test
    void aConnectionIdIsNeverGivenTwiceEvenToAnotherTenant() {
        connect("con_a", ACME, T0);
        tenant(GLOBEX);
        assertThatThrownBy(() -> connections().create(new Connection("con_a", GLOBEX, "github", "s", T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(connections().find("con_a").orElseThrow().tenant()).isEqualTo(ACME);
        assertThat(connections().list(GLOBEX)).isEmpty();
    }

    @Test
    void aConnectionNeedsAnExistingTenant() {
        assertThatThrownBy(() ->
                        connections().create(new Connection("con_orphan", TenantId.of("nobody"), "github", "s", T0)))
                .isInstanceOf(RuntimeException.class);
        assertThat(connections().find("con_orphan")).isEmpty();
    }
}
