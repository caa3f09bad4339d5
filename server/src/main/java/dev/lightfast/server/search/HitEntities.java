package dev.lightfast.server.search;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who acted in a search hit's event and what it is about, as answers name entities: id, kind and
 * label, the label as the graph knows it (a person by the name they go by, not a login). The index
 * holds only the subjects' keys, so the event is read from the log and its entities from the graph;
 * an entity the graph has not reached yet keeps the label its event gave it.
 */
public final class HitEntities {
    private final EventLog log;
    private final GraphStore graph;

    public HitEntities(EventLog log, GraphStore graph) {
        this.log = log;
        this.graph = graph;
    }

    /** The actor (null when the event names none) and the subjects of one hit, in the event's order. */
    public record Named(Answer.Ref actor, List<Answer.Ref> about) {
        static final Named NONE = new Named(null, List.of());
    }

    /** Each hit's actor and subjects, in the order of the hits; one graph read per distinct entity. */
    public List<Named> of(TenantId tenant, List<SearchHit> hits) {
        Map<String, Answer.Ref> labels = new HashMap<>();
        List<Named> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            Event e = log.find(tenant, h.eventId()).orElse(null);
            if (e == null) {
                out.add(Named.NONE);
                continue;
            }
            Answer.Ref actor = e.actor() == null ? null : ref(tenant, e.actor(), labels);
            List<Answer.Ref> about = new ArrayList<>();
            for (EntityRef s : e.subjects()) {
                about.add(ref(tenant, s, labels));
            }
            out.add(new Named(actor, List.copyOf(about)));
        }
        return out;
    }

    private Answer.Ref ref(TenantId tenant, EntityRef r, Map<String, Answer.Ref> labels) {
        String id = EntityIds.of(r);
        return labels.computeIfAbsent(id, k -> {
            Optional<Entity> known = graph.entity(tenant, k, AsOf.NOW);
            String label = known.map(HitEntities::label).orElse(r.label() != null ? r.label() : r.key());
            // A merged person answers with the person it was merged into.
            return new Answer.Ref(known.map(Entity::id).orElse(k), r.kind(), label);
        });
    }

    /** A person by the name a tool told us, anything else by its own name. */
    private static String label(Entity e) {
        if (EntityKind.PERSON.is(e.kind()) && e.aliases() != null) {
            for (Entity.AliasEvidence a : e.aliases()) {
                if (a.kind().equals(Alias.NAME)) {
                    return a.value();
                }
            }
        }
        return e.name();
    }
}
