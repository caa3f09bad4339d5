package dev.lightfast.connectors;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.RelationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of one event as an extractor collects them, all at the event's time. Like the event
 * builder it skips what is missing (a null entity, a blank alias) and never relates an entity to
 * itself, so an extractor can state every relation a payload might support without checks, and a
 * payload with a gap loses one edge rather than the event's graph.
 */
public final class GraphFactList {
    private final Instant at;
    private final List<GraphFact> facts = new ArrayList<>();

    public GraphFactList(Instant at) {
        this.at = at;
    }

    /** The entity exists with these attributes (null values left out). */
    public GraphFactList describe(EntityRef entity, Map<String, ?> attributes) {
        if (entity != null) {
            var kept = new LinkedHashMap<String, Object>();
            if (attributes != null) {
                attributes.forEach((k, v) -> {
                    if (v != null) {
                        kept.put(k, v);
                    }
                });
            }
            facts.add(new GraphFact.Describes(entity, kept, at));
        }
        return this;
    }

    public GraphFactList describe(EntityRef entity) {
        return describe(entity, Map.of());
    }

    public GraphFactList relate(RelationType type, EntityRef from, EntityRef to) {
        if (from != null && to != null && !from.sameEntity(to)) {
            facts.add(new GraphFact.Relates(type, from, to, at));
        }
        return this;
    }

    public GraphFactList end(RelationType type, EntityRef from, EntityRef to) {
        if (from != null && to != null && !from.sameEntity(to)) {
            facts.add(new GraphFact.Ends(type, from, to, at));
        }
        return this;
    }

    /** Identity evidence: the person is known by {@code kind: value}; skipped when either is missing. */
    public GraphFactList identify(EntityRef person, String kind, String value, String evidence) {
        if (person != null && value != null && !value.isBlank()) {
            facts.add(new GraphFact.Identifies(person, new Alias(kind, value), evidence));
        }
        return this;
    }

    public List<GraphFact> facts() {
        return List.copyOf(facts);
    }
}
