package dev.lightfast.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.StateConflict;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.core.tenant.TenantStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link BackfillStore} must do; each store's test gives a fresh store and its tenants. */
public abstract class BackfillStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    protected abstract BackfillStore backfills();

    protected abstract TenantStore tenants();

    private BackfillJob job(String id, TenantId tenant, String connection, Instant at) {
        if (tenants().find(tenant).isEmpty()) {
            tenants()
                    .create(
                            new Tenant(tenant, tenant.value(), T0),
                            ApiKeys.issue(tenant, T0).stored());
        }
        return new BackfillJob(
                id,
                tenant,
                connection,
                "github",
                BackfillState.RUNNING,
                T0.minusSeconds(86_400),
                null,
                List.of("pulls"),
                List.of("acme/shop"),
                "http://127.0.0.1:1",
                "lfsealed:v1:x",
                null,
                0,
                null,
                0,
                0,
                null,
                at,
                at,
                null);
    }

    @Test
    void a_running_jobs_token_is_sealed_again_under_a_new_key_and_an_ended_job_keeps_none() {
        byte[] oldKey = SecretKeys.newKey();
        byte[] newKey = SecretKeys.newKey();
        var before = SecretKeys.of(oldKey, List.of(), "test");
        var job = job("bf_7", ACME, "con_7", T0).withSealedToken(before.seal("ghp_secret", "backfill:bf_7"));
        backfills().create(job);
        var rotated = SecretKeys.of(newKey, List.of(oldKey), "test");
        assertThat(rotated.needsSealing(job.sealedToken())).isTrue();
        assertThat(BackfillTokens.resealAll(backfills(), rotated, List.of(ACME)))
                .isEqualTo(1);
        var stored = backfills().find(ACME, "bf_7").orElseThrow();
        assertThat(stored.sealedToken()).doesNotContain("ghp_secret");
        assertThat(SecretKeys.of(newKey, List.of(), "test").open(stored.sealedToken(), "backfill:bf_7"))
                .as("the retired key is no longer needed")
                .isEqualTo("ghp_secret");
        backfills().save(stored.ended(BackfillState.DONE, null, T0.plusSeconds(1)));
        assertThat(backfills().find(ACME, "bf_7").orElseThrow().sealedToken()).isNull();
    }

    @Test
    void a_job_is_stored_and_read_back_whole() {
        var job = backfills().create(job("bf_1", ACME, "con_1", T0));
        assertThat(backfills().find(ACME, "bf_1")).contains(job);
        assertThat(backfills().latest(ACME, "con_1")).contains(job);
    }

    @Test
    void progress_and_the_cursor_are_saved_and_a_finished_job_frees_its_connection() {
        var job = backfills().create(job("bf_1", ACME, "con_1", T0));
        var moved = job.progressed("0\t1\thttp://x/next", 100, 400L, 120, 2, T0.plusSeconds(5));
        backfills().save(moved);
        assertThat(backfills().find(ACME, "bf_1")).contains(moved);
        assertThat(backfills().running(ACME)).containsExactly(moved);
        assertThatThrownBy(() -> backfills().create(job("bf_2", ACME, "con_1", T0.plusSeconds(6))))
                .isInstanceOf(StateConflict.class);
        var done = moved.ended(BackfillState.DONE, null, T0.plusSeconds(7));
        backfills().save(done);
        assertThat(backfills().running(ACME)).isEmpty();
        var second = backfills().create(job("bf_2", ACME, "con_1", T0.plusSeconds(8)));
        assertThat(backfills().latest(ACME, "con_1")).contains(second);
    }

    @Test
    void a_tenant_sees_only_its_own_jobs() {
        backfills().create(job("bf_1", ACME, "con_1", T0));
        backfills().create(job("bf_2", GLOBEX, "con_2", T0));
        assertThat(backfills().find(GLOBEX, "bf_1")).isEmpty();
        assertThat(backfills().latest(GLOBEX, "con_1")).isEmpty();
        assertThat(backfills().running(GLOBEX)).extracting(BackfillJob::id).containsExactly("bf_2");
    }
}
