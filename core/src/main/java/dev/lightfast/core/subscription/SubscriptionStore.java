package dev.lightfast.core.subscription;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions and their signing secrets, walled by tenant like every port. The store keeps each
 * subscription's outbox (see {@code Outbox}) in the same database: creating one starts its queue,
 * deleting one removes what was queued for it.
 */
public interface SubscriptionStore {

    /**
     * Stores a new subscription with its (sealed) secrets and starts its outbox: for each message
     * source, the position after which it is sent that source's messages.
     */
    Subscription create(Subscription subscription, SealedKeys keys, Map<String, Long> cursors);

    Optional<Subscription> find(TenantId tenant, String id);

    /** The tenant's subscriptions, in the order their ids sort (creation order). */
    List<Subscription> list(TenantId tenant);

    /**
     * Replaces what may change (url, description, filter, rate limit, disabled or not). Enabling a
     * disabled subscription ends its failing streak, so it gets five more days, and makes its
     * next message due at once.
     *
     * @return false when there is no such subscription
     */
    boolean update(Subscription subscription);

    /** Removes the subscription, its secrets and its outbox; false when there was none. */
    boolean delete(TenantId tenant, String id);

    Optional<SealedKeys> keys(TenantId tenant, String id);

    /** Replaces the secrets (a rotation); false when there is no such subscription. */
    boolean rotate(TenantId tenant, String id, SealedKeys keys);
}
