package dev.lightfast.core.backfill;

import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.TenantId;

/**
 * The API tokens of running backfill jobs, sealed again under the current key after {@code lightfast
 * rotate-secret-key}, as connections' and subscriptions' secrets are: once every server has started
 * with the new key, the retired one can go. A finished job holds no token (it is dropped when the job
 * ends), so only running jobs have one to reseal.
 */
public final class BackfillTokens {
    private BackfillTokens() {}

    /** @return how many tokens were sealed again */
    public static int resealAll(BackfillStore store, SecretKeys keys, Iterable<TenantId> tenants) {
        int n = 0;
        for (TenantId tenant : tenants) {
            for (BackfillJob job : store.running(tenant)) {
                String sealed = job.sealedToken();
                if (sealed == null || !keys.needsSealing(sealed)) {
                    continue;
                }
                String owner = Backfills.owner(job.id());
                String plain = SecretKeys.isSealed(sealed) ? keys.open(sealed, owner) : sealed;
                store.save(job.withSealedToken(keys.seal(plain, owner)));
                n++;
            }
        }
        return n;
    }
}
