package dev.lightfast.server.mcp;

import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * Finds the entity a tool argument names. Models see natural keys in events (github:octo/shop/pull/12)
 * as often as entity ids, so both are accepted; ids are derived from kind and key, so a key with its
 * kind is as exact as an id.
 */
final class EntityLookup {
    private static final String ID_PREFIX = "ent_";
    private static final int CANDIDATES = 50;

    private final GraphStore graph;

    EntityLookup(GraphStore graph) {
        this.graph = graph;
    }

    Entity resolve(TenantId tenant, String ref, String kind, AsOf asOf) {
        String id;
        if (ref.startsWith(ID_PREFIX)) {
            id = ref;
        } else if (kind != null) {
            id = EntityIds.of(kind, ref);
        } else {
            id = byKey(tenant, ref);
        }
        return graph.entity(tenant, id, asOf)
                .orElseThrow(() -> new ToolInputError(
                        asOf.isNow()
                                ? "no entity '" + ref
                                        + "' in this tenant; search finds entities (the subjects of its hits), and answer "
                                        + "lists the entities involved"
                                : "entity '" + ref + "' was not yet known at that asOf"));
    }

    private String byKey(TenantId tenant, String key) {
        List<Entity> exact = graph.find(tenant, key, null, CANDIDATES).stream()
                .filter(e -> e.key().equals(key))
                .toList();
        if (exact.isEmpty()) {
            throw new ToolInputError(
                    "no entity with the key '" + key + "' in this tenant; give an entity id (ent_...) or a "
                            + "key such as github:octo/shop/pull/12 (search hits list the keys of what they are about)");
        }
        if (exact.size() > 1) {
            throw new ToolInputError("the key '" + key + "' names " + exact.size() + " entities; add kind, one of "
                    + String.join(
                            ", ", exact.stream().map(Entity::kind).distinct().toList()));
        }
        return exact.getFirst().id();
    }
}
