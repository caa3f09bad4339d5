package dev.lightfast.core.claim;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The claims derived from each tenant's log, every voice's latest claim per entity and attribute,
 * and the conflicts among them, with the checkpoint up to which the log was read. Derived state like
 * the graph: {@link #reset} and a replay of the log derive it again, the same. Every method is
 * scoped by tenant.
 */
public interface ClaimStore {

    /** The last seq read, 0 for none. */
    long checkpoint(TenantId tenant);

    /**
     * Writes a batch and moves the checkpoint to {@code delta.toSeq()}, in one transaction, if the
     * checkpoint is still {@code delta.fromSeq()}. Answers false and writes nothing when it moved
     * meanwhile or another process is writing this tenant's claims now (on a store several servers
     * share): the caller reads the state again.
     */
    boolean apply(TenantId tenant, ClaimDelta delta);

    /** An entity's claims, of one attribute or (null) all, in the order they were stated. */
    List<Claim> claims(TenantId tenant, String entityId, String attribute);

    /** Every voice's latest claim of every entity and attribute: the state reading resumes from. */
    List<Claim> heads(TenantId tenant);

    /** Conflicts not closed yet, oldest first: the state reading resumes from. */
    List<Conflict> open(TenantId tenant);

    ConflictPage conflicts(TenantId tenant, ConflictQuery query);

    /** The entity as claims name it (some, such as a service, are named by claims alone). */
    Optional<EntityRef> entity(TenantId tenant, String entityId);

    /** Forgets everything derived for the tenant, so the next catch-up reads from seq 1. */
    void reset(TenantId tenant);
}
