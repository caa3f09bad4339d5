package dev.lightfast.core.graph;

import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.identity.IdentityAssertion;
import dev.lightfast.core.identity.IdentityGraph;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a tenant's log in {@code seq} order and applies each event's graph facts. Each tool's
 * extractor reads its own events; every tool's mention patterns read every event's text, which is
 * how an issue key of one tool in a branch name of another becomes an edge. Resumable: the store keeps the
 * checkpoint in the same transaction as the facts.
 */
public final class GraphProjector implements Projection {
    private static final System.Logger LOG = System.getLogger(GraphProjector.class.getName());
    /**
     * Events applied per transaction. A page writes into every part of the graph's indexes (ids are
     * hashes), so the pages a commit writes grow slower than its events: larger pages cost less per
     * event (docs/decisions/0018-graph-writer-in-core.md).
     */
    static final int PAGE = 4_000;

    private final EventLog log;
    private final GraphStore graph;
    private final Connectors connectors;
    private final MentionScanner mentions;

    public GraphProjector(EventLog log, GraphStore graph, Connectors connectors) {
        this.log = log;
        this.graph = graph;
        this.connectors = connectors;
        // Every tool's mention patterns, looked up once: they read every event's text.
        List<GraphExtractor> extractors = connectors.providers().stream()
                .map(p -> connectors.find(p).orElseThrow().graph())
                .toList();
        this.mentions = text -> scanAll(extractors, text);
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return graph.checkpoint(tenant);
    }

    /**
     * Applies the next batch. A graph shared by several server processes may leave it to another
     * process that is applying the same events: then this answers 0 unless the checkpoint moved,
     * so the runner waits for its next poll instead of reading the same batch again at once.
     */
    @Override
    public int catchUp(TenantId tenant) {
        long before = graph.checkpoint(tenant);
        List<GraphStore.Projected> batch = new ArrayList<>();
        long after = before;
        while (batch.size() < PAGE) {
            var page = log.read(
                    tenant,
                    EventQuery.all(Math.min(EventQuery.MAX_LIMIT, PAGE - batch.size()))
                            .after(after));
            for (Event e : page.events()) {
                batch.add(new GraphStore.Projected(e, facts(e)));
            }
            if (page.events().isEmpty() || !page.hasMore()) {
                break;
            }
            after = page.nextAfter();
        }
        if (batch.isEmpty()) {
            return 0;
        }
        graph.apply(tenant, batch);
        long applied = graph.checkpoint(tenant);
        return applied > before ? (int) Math.min(applied - before, batch.size()) : 0;
    }

    @Override
    public void reset(TenantId tenant) {
        graph.reset(tenant);
    }

    /**
     * The ids of the entities an event is about or links: its actor and subjects, and both ends of
     * every relation its facts assert or end (a pull request naming a Linear issue touches the
     * issue). Rules re-check what they watch on these.
     */
    public java.util.Set<String> touches(Event e) {
        var ids = new java.util.LinkedHashSet<String>();
        if (e.actor() != null) {
            ids.add(EntityIds.of(e.actor()));
        }
        for (EntityRef s : e.subjects()) {
            ids.add(EntityIds.of(s));
        }
        for (GraphFact f : facts(e)) {
            switch (f) {
                case GraphFact.Describes d -> ids.add(EntityIds.of(d.entity()));
                case GraphFact.Relates r -> {
                    ids.add(EntityIds.of(r.from()));
                    ids.add(EntityIds.of(r.to()));
                }
                case GraphFact.Ends x -> {
                    ids.add(EntityIds.of(x.from()));
                    ids.add(EntityIds.of(x.to()));
                }
                case GraphFact.Identifies i -> ids.add(EntityIds.of(i.person()));
            }
        }
        return ids;
    }

    /**
     * The facts of one event; an extractor that fails costs that event its links, not the log. Other
     * views that follow the log (patterns) read events through these too, the graph's own vocabulary.
     */
    public List<GraphFact> facts(Event e) {
        GraphExtractor extractor = IdentityAssertion.SOURCE.equals(e.source())
                ? IdentityGraph.INSTANCE
                : connectors.find(e.source()).map(c -> c.graph()).orElse(GenericGraph.INSTANCE);
        try {
            return extractor.extract(e, mentions);
        } catch (RuntimeException ex) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "graph extractor for {0} failed on event {1} ({2}); keeping its subjects only",
                    e.source(),
                    e.id(),
                    ex.toString());
            return GenericGraph.INSTANCE.extract(e, MentionScanner.NONE);
        }
    }

    private static List<EntityRef> scanAll(List<GraphExtractor> extractors, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, EntityRef> found = new LinkedHashMap<>();
        for (GraphExtractor extractor : extractors) {
            for (EntityRef ref : extractor.mentionsIn(text)) {
                found.putIfAbsent(ref.kind() + "\u0000" + ref.key(), ref);
            }
        }
        return List.copyOf(found.values());
    }
}
