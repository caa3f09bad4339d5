package dev.lightfast.core.graph;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The temporal graph derived from a tenant's log: entities, bitemporal relations, the events that
 * cite each, and people's aliases. Derived state: {@link #reset} and a replay of the log rebuild
 * it exactly. Every method is scoped by tenant.
 */
public interface GraphStore {

    /** An event with the facts its extractor found in it. */
    record Projected(Event event, List<GraphFact> facts) {}

    /**
     * Applies events in {@code seq} order in one transaction and moves the tenant's checkpoint to
     * the last one. Events at or below the checkpoint are skipped, so a retried batch is harmless.
     */
    void apply(TenantId tenant, List<Projected> batch);

    /** The {@code seq} of the last applied event, 0 when none. */
    long checkpoint(TenantId tenant);

    /**
     * The entity as known at {@code asOf}. An id merged into another person answers with the
     * person it was merged into.
     */
    Optional<Entity> entity(TenantId tenant, String entityId, AsOf asOf);

    /** Edges touching the entity at {@code asOf}, optionally only of some types (empty: all). */
    List<Relation> relations(TenantId tenant, String entityId, AsOf asOf, Set<String> types);

    /** The events that cite the entity, in {@code seq} order, after a seq cursor. */
    List<Citation> timeline(TenantId tenant, String entityId, AsOf asOf, long after, int limit);

    /**
     * Entities whose name or key contains {@code text} (case-insensitive), most recently seen first,
     * ties by id: the same order on every call, so a longer limit extends a shorter one (pages rely on
     * it).
     */
    List<Entity> find(TenantId tenant, String text, String kind, int limit);

    /** Forgets the tenant's derived graph, for a rebuild from the log. */
    void reset(TenantId tenant);
}
