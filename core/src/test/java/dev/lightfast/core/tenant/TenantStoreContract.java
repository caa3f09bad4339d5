package dev.lightfast.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantStore} must do. Each store's test extends this with a fresh, empty store
 * per test (see {@link #tenants()}).
 */
public abstract class TenantStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    /** An empty store, the same instance for the whole test method. */
    protected abstract TenantStore tenants();

    private ApiKeys.Issued create(TenantId id, String name) {
        var key = ApiKeys.issue(id, T0);
        tenants().create(new Tenant(id, name, T0), key.stored());
        return key;
    }

    @Test
    void aCreatedTenantIsFoundWithTimesToTheMicrosecond() {
        create(ACME, "Acme Inc.");
        assertThat(tenants().find(ACME)).contains(new Tenant(ACME, "Acme Inc.", T0.truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void unknownTenantsAndKeysAreNotFound() {
        assertThat(tenants().find(ACME)).isEmpty();
        assertThat(tenants().findKey("0123456789abcdef")).isEmpty();
        assertThat(tenants().list()).isEmpty();
    }

    @Test
    void aKeyIsFoundByItsIdAloneAndNamesItsTenant() {
        var acme = create(ACME, "Acme");
        var globex = create(GLOBEX, "Globex");
        var found = tenants().findKey(globex.stored().keyId()).orElseThrow();
        assertThat(found.tenant()).isEqualTo(GLOBEX);
        assertThat(found.keyId()).isEqualTo(globex.stored().keyId());
        assertThat(found.secretHash()).isEqualTo(globex.stored().secretHash());
        assertThat(found.createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
        assertThat(ApiKeys.matches(ApiKeys.parse(globex.plaintext()).orElseThrow(), found))
                .isTrue();
        assertThat(tenants().findKey(acme.stored().keyId()).orElseThrow().tenant())
                .isEqualTo(ACME);
    }

    @Test
    void aSecondTenantWithTheSameIdIsRefusedAndLeavesNothingBehind() {
        var first = create(ACME, "Acme");
        var second = ApiKeys.issue(ACME, T0);
        assertThatThrownBy(() -> tenants().create(new Tenant(ACME, "Impostor", T0), second.stored()))
                .isInstanceOf(DuplicateTenant.class);
        assertThat(tenants().find(ACME).orElseThrow().name()).isEqualTo("Acme");
        assertThat(tenants().findKey(second.stored().keyId())).isEmpty();
        assertThat(tenants().findKey(first.stored().keyId())).isPresent();
    }

    @Test
    void listsEveryTenantInIdOrder() {
        create(GLOBEX, "Globex");
        create(ACME, "Acme");
        create(TenantId.of("Zeta"), "Zeta");
        assertThat(tenants().list()).extracting(Tenant::id).containsExactly(TenantId.of("Zeta"), ACME, GLOBEX);
    }
}
