package dev.lightfast.core.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the graph within a few hops of an entity: a breadth-first walk over relations in
 * both directions, as of a point. Hubs (people, repositories, branches, environments, channels)
 * are reached but not walked through unless they are the centre: through them everything is
 * related to everything, and a neighbourhood is meant to show what is specifically connected.
 */
public final class Neighbourhood {
    public static final int MAX_DEPTH = 5;
    private static final Set<String> HUBS = Set.of(
            "person",
            "repository",
            "branch",
            "environment",
            "organization",
            "team",
            "channel",
            "project",
            "service",
            "cycle");
    private static final int MAX_ENTITIES = 200;

    /**
     * Whether entities of this kind join everything to everything (people, repositories, channels):
     * an edge through one says nothing specific about the work on either side.
     */
    public static boolean isHub(String kind) {
        return HUBS.contains(kind);
    }

    private final GraphStore graph;

    public Neighbourhood(GraphStore graph) {
        this.graph = graph;
    }

    /** One edge seen from the walk, with how far from the centre it was found. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Edge(int depth, Relation relation) {}

    public record Result(Entity entity, Map<String, Entity> entities, List<Edge> relations, boolean truncated) {}

    public Result around(TenantId tenant, Entity centre, int depth, Set<String> types, AsOf asOf) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidInput("depth must be between 1 and " + MAX_DEPTH);
        }
        Map<String, Entity> entities = new LinkedHashMap<>();
        entities.put(centre.id(), centre);
        List<Edge> edges = new ArrayList<>();
        Set<String> seenEdges = new LinkedHashSet<>();
        var frontier = new ArrayDeque<String>();
        frontier.add(centre.id());
        boolean truncated = false;
        for (int d = 1; d <= depth && !frontier.isEmpty(); d++) {
            var next = new ArrayDeque<String>();
            while (!frontier.isEmpty()) {
                String id = frontier.poll();
                for (Relation r : graph.relations(tenant, id, asOf, types)) {
                    if (!seenEdges.add(r.from() + "|" + r.type() + "|" + r.to() + "|" + r.recordedSeq())) {
                        continue;
                    }
                    String other = r.from().equals(id) ? r.to() : r.from();
                    if (!entities.containsKey(other)) {
                        if (entities.size() >= MAX_ENTITIES) {
                            truncated = true;
                            continue;
                        }
                        var found = graph.entity(tenant, other, asOf);
                        if (found.isEmpty()) {
                            continue;
                        }
                        entities.put(other, found.get());
                        if (!HUBS.contains(found.get().kind())) {
                            next.add(other);
                        }
                    }
                    edges.add(new Edge(d, r));
                }
            }
            frontier = next;
        }
        return new Result(centre, entities, edges, truncated);
    }
}
