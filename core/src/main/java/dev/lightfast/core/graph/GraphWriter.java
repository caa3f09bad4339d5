package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphRows.AliasKey;
import dev.lightfast.core.graph.GraphRows.Edge;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The graph's rules, once for every store: which entities an event cites, when a relation's
 * stretch opens, holds or closes, which aliases a person has and when two people are one. A page of
 * events becomes one set of {@link GraphRows.Changes}: the lookups the rules need are asked for the
 * whole page first, the page is then played in {@code seq} order in memory, and its rows are written
 * in one go, an entity touched by many events of the page as one row.
 */
public final class GraphWriter {
    private static final System.Logger LOG = System.getLogger(GraphWriter.class.getName());

    private final GraphRows rows;
    private final Map<RefKey, String> ids = new HashMap<>();
    private final Map<String, String> mergedInto;
    /** Each edge's open stretch as the page goes (null: none), seeded from the store. */
    private final Map<Edge, Long> open = new HashMap<>();
    /** Each joining alias's owner as the page goes, seeded from the store. */
    private final Map<AliasKey, String> owners = new HashMap<>();

    private final Map<Long, GraphRows.EventRow> events = new LinkedHashMap<>();
    private final Map<String, GraphRows.EntityRow> entities = new LinkedHashMap<>();
    private final List<GraphRows.AttributesRow> attributes = new ArrayList<>();
    private final List<GraphRows.EntityCitation> entityCitations = new ArrayList<>();
    private final Map<StretchKey, GraphRows.StretchRow> stretches = new LinkedHashMap<>();
    private final List<GraphRows.StretchEnd> ends = new ArrayList<>();
    private final Set<GraphRows.RelationCitation> relationCitations = new LinkedHashSet<>();
    private final Map<AliasClaim, GraphRows.AliasRow> aliases = new LinkedHashMap<>();
    private final List<GraphRows.AliasOwnerRow> newOwners = new ArrayList<>();
    private final List<GraphRows.MergeRow> merges = new ArrayList<>();

    private record RefKey(String kind, String key) {}

    private record StretchKey(Edge edge, long recordedSeq) {}

    private record AliasClaim(String entityId, String kind, String value) {}

    private GraphWriter(GraphRows rows) {
        this.rows = rows;
        this.mergedInto = new HashMap<>(rows.merges());
    }

    /**
     * Applies the events after {@code checkpoint} in {@code seq} order and answers the seq of the
     * last one applied ({@code checkpoint} if none). The log has no gaps, so a page that does not
     * follow the checkpoint was read against one that has since gone back (a reset): applying it
     * would skip events, so it stops there and the next page starts at the checkpoint.
     */
    public static long apply(GraphRows rows, long checkpoint, List<GraphStore.Projected> page) {
        List<GraphStore.Projected> todo = new ArrayList<>(page.size());
        long last = checkpoint;
        for (GraphStore.Projected p : page) {
            long seq = p.event().seq();
            if (seq <= last) {
                continue;
            }
            if (seq != last + 1) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "graph of {0} is at seq {1}; not applying a page from seq {2}",
                        p.event().tenant(),
                        last,
                        seq);
                break;
            }
            todo.add(p);
            last = seq;
        }
        if (todo.isEmpty()) {
            return checkpoint;
        }
        var writer = new GraphWriter(rows);
        writer.lookUp(todo);
        for (GraphStore.Projected p : todo) {
            writer.play(p.event(), p.facts());
        }
        rows.write(writer.changes());
        return last;
    }

    /** Asks the store, once for the page, about every edge and joining alias the page names. */
    private void lookUp(List<GraphStore.Projected> page) {
        Set<Edge> edges = new LinkedHashSet<>();
        Set<AliasKey> joining = new LinkedHashSet<>();
        for (GraphStore.Projected p : page) {
            for (GraphFact fact : p.facts()) {
                switch (fact) {
                    case GraphFact.Relates r ->
                        edges.add(new Edge(id(r.from()), r.type().wire(), id(r.to())));
                    case GraphFact.Ends x ->
                        edges.add(new Edge(id(x.from()), x.type().wire(), id(x.to())));
                    case GraphFact.Identifies i -> {
                        if (i.alias().joins()) {
                            joining.add(new AliasKey(i.alias().kind(), i.alias().value()));
                        }
                    }
                    case GraphFact.Describes d -> {}
                }
            }
        }
        if (!edges.isEmpty()) {
            var found = rows.openStretches(edges);
            for (Edge edge : edges) {
                open.put(edge, found.get(edge));
            }
        }
        if (!joining.isEmpty()) {
            owners.putAll(rows.aliasOwners(joining));
        }
    }

    private void play(Event e, List<GraphFact> facts) {
        Set<String> cited = new LinkedHashSet<>();
        Map<String, Map<String, Object>> stated = new LinkedHashMap<>();
        Map<String, Instant> statedFrom = new HashMap<>();
        Set<String> seenHere = new java.util.HashSet<>();
        if (e.actor() != null) {
            cited.add(entity(e.actor(), e, seenHere));
        }
        for (EntityRef s : e.subjects()) {
            cited.add(entity(s, e, seenHere));
        }
        boolean citesRelation = false;
        for (GraphFact fact : facts) {
            switch (fact) {
                case GraphFact.Describes d -> {
                    String id = entity(d.entity(), e, seenHere);
                    cited.add(id);
                    if (!d.attributes().isEmpty()) {
                        stated.computeIfAbsent(id, k -> new TreeMap<>()).putAll(d.attributes());
                        statedFrom.putIfAbsent(id, d.at());
                    }
                }
                case GraphFact.Relates r -> {
                    String from = entity(r.from(), e, seenHere);
                    String to = entity(r.to(), e, seenHere);
                    cited.add(from);
                    cited.add(to);
                    var edge = new Edge(from, r.type().wire(), to);
                    Long recorded = open.get(edge);
                    if (recorded == null) {
                        recorded = e.seq();
                        stretches.put(
                                new StretchKey(edge, recorded),
                                new GraphRows.StretchRow(from, edge.type(), to, recorded, r.at(), null, null));
                        open.put(edge, recorded);
                    }
                    if (recorded != e.seq()) {
                        relationCitations.add(new GraphRows.RelationCitation(from, edge.type(), to, recorded, e.seq()));
                    }
                    citesRelation = true;
                }
                case GraphFact.Ends end -> {
                    String from = entity(end.from(), e, seenHere);
                    String to = entity(end.to(), e, seenHere);
                    var edge = new Edge(from, end.type().wire(), to);
                    Long recorded = open.get(edge);
                    if (recorded != null) {
                        var key = new StretchKey(edge, recorded);
                        var opened = stretches.get(key);
                        if (opened != null) {
                            stretches.put(
                                    key,
                                    new GraphRows.StretchRow(
                                            from, edge.type(), to, recorded, opened.validFrom(), end.at(), e.seq()));
                        } else {
                            ends.add(new GraphRows.StretchEnd(from, edge.type(), to, recorded, end.at(), e.seq()));
                        }
                        open.put(edge, null);
                        citesRelation = true; // as the stretch's ended_seq
                    }
                }
                case GraphFact.Identifies i -> {
                    String person = entity(i.person(), e, seenHere);
                    cited.add(person);
                    identify(person, i, e);
                }
            }
        }
        for (var s : stated.entrySet()) {
            attributes.add(new GraphRows.AttributesRow(
                    s.getKey(), e.seq(), statedFrom.get(s.getKey()), Json.MAPPER.writeValueAsString(s.getValue())));
        }
        for (String id : cited) {
            entityCitations.add(new GraphRows.EntityCitation(id, e.seq(), e.occurredAt()));
        }
        if (!cited.isEmpty() || citesRelation) {
            events.put(e.seq(), new GraphRows.EventRow(e.seq(), e.id(), e.type(), e.url(), e.occurredAt()));
        }
    }

    /** The entity's id, its row folded with this event's sighting (once per event, first mention). */
    private String entity(EntityRef ref, Event e, Set<String> seenHere) {
        String id = id(ref);
        if (!seenHere.add(id)) {
            return id;
        }
        String name = ref.label() == null || ref.label().isBlank() ? ref.key() : ref.label();
        var row = entities.get(id);
        if (row == null) {
            entities.put(
                    id,
                    new GraphRows.EntityRow(
                            id, ref.kind(), ref.key(), name, e.seq(), e.seq(), e.occurredAt(), e.occurredAt()));
        } else {
            entities.put(
                    id,
                    new GraphRows.EntityRow(
                            id,
                            row.kind(),
                            row.key(),
                            name.equals(ref.key()) ? row.name() : name,
                            row.firstSeq(),
                            e.seq(),
                            row.firstSeen(),
                            e.occurredAt().isAfter(row.lastSeen()) ? e.occurredAt() : row.lastSeen()));
        }
        return id;
    }

    private String id(EntityRef ref) {
        return ids.computeIfAbsent(new RefKey(ref.kind(), ref.key()), k -> EntityIds.of(k.kind(), k.key()));
    }

    /**
     * Records the alias; if a joining alias already belongs to another person, the later-seen person
     * is merged into the earlier one, with the alias and the evidence as the reason.
     */
    private void identify(String person, GraphFact.Identifies i, Event e) {
        String kind = i.alias().kind();
        String value = i.alias().value();
        aliases.putIfAbsent(
                new AliasClaim(person, kind, value),
                new GraphRows.AliasRow(person, kind, value, i.evidence(), e.id(), e.seq()));
        if (!i.alias().joins()) {
            return;
        }
        var key = new AliasKey(kind, value);
        String owner = owners.get(key);
        if (owner == null) {
            owners.put(key, person);
            newOwners.add(new GraphRows.AliasOwnerRow(kind, value, person));
            return;
        }
        String a = PersonMerges.canonical(mergedInto, owner);
        String b = PersonMerges.canonical(mergedInto, person);
        if (a.equals(b)) {
            return;
        }
        boolean aFirst = firstSeq(a) <= firstSeq(b);
        String into = aFirst ? a : b;
        String merged = aFirst ? b : a;
        merges.add(new GraphRows.MergeRow(merged, into, kind, value, i.evidence(), e.id(), e.seq()));
        mergedInto.put(merged, into);
    }

    /** When the entity was first seen: as stored, else in this page. */
    private long firstSeq(String id) {
        Long stored = rows.firstSeqs(List.of(id)).get(id);
        if (stored != null) {
            return stored;
        }
        var row = entities.get(id);
        return row == null ? Long.MAX_VALUE : row.firstSeq();
    }

    private GraphRows.Changes changes() {
        return new GraphRows.Changes(
                List.copyOf(events.values()),
                List.copyOf(entities.values()),
                attributes,
                entityCitations,
                List.copyOf(stretches.values()),
                ends,
                List.copyOf(relationCitations),
                List.copyOf(aliases.values()),
                newOwners,
                merges);
    }
}
