package dev.lightfast.core.secret;

import dev.lightfast.core.subscription.SealedKeys;
import dev.lightfast.core.subscription.SecretSealer;
import dev.lightfast.core.subscription.Subscription;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantId;

/**
 * Subscriptions' signing secrets sealed like webhook secrets: AES-GCM under the installation's key,
 * kept outside the database, and bound to the subscription they belong to, so a sealed value copied
 * onto another subscription's row does not open.
 */
public final class SealedSubscriptionSecrets implements SecretSealer {
    private final SecretKeys keys;

    public SealedSubscriptionSecrets(SecretKeys keys) {
        this.keys = keys;
    }

    @Override
    public String seal(String secret, String owner) {
        return keys.seal(secret, "subscription:" + owner);
    }

    @Override
    public String open(String sealed, String owner) {
        return keys.open(sealed, "subscription:" + owner);
    }

    /**
     * Seals again, under the current key, every secret sealed under a retired one (after {@code
     * lightfast rotate-secret-key}) or stored before sealing: what connections' secrets get when a
     * store opens, so a retired key can be dropped once every server has started with the new one.
     *
     * @return how many subscriptions were sealed again
     */
    public int resealAll(SubscriptionStore store, Iterable<TenantId> tenants) {
        int resealed = 0;
        for (TenantId tenant : tenants) {
            for (Subscription s : store.list(tenant)) {
                var sealed = store.keys(tenant, s.id());
                if (sealed.isEmpty()) {
                    continue;
                }
                SealedKeys k = sealed.get();
                boolean stale =
                        keys.needsSealing(k.current()) || (k.previous() != null && keys.needsSealing(k.previous()));
                if (!stale) {
                    continue;
                }
                var again = new SealedKeys(
                        reseal(k.current(), s.id()),
                        k.previous() == null ? null : reseal(k.previous(), s.id()),
                        k.previousUntil());
                if (store.rotate(tenant, s.id(), again)) {
                    resealed++;
                }
            }
        }
        return resealed;
    }

    private String reseal(String stored, String owner) {
        String plain = SecretKeys.isSealed(stored) ? open(stored, owner) : stored;
        return seal(plain, owner);
    }
}
