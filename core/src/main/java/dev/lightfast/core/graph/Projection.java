package dev.lightfast.core.graph;

import dev.lightfast.core.tenant.TenantId;

/**
 * Derived state that follows the log: the graph, the search index. A runner calls {@link
 * #catchUp} until it answers 0; each call applies one batch and persists its checkpoint with it.
 */
public interface Projection {

    String name();

    /** The last {@code seq} this projection has applied for the tenant. */
    long checkpoint(TenantId tenant);

    /** Applies the next batch after the checkpoint; answers how many events it applied. */
    int catchUp(TenantId tenant);

    /** Forgets everything derived for the tenant, so the next catch-up rebuilds from seq 1. */
    void reset(TenantId tenant);
}
