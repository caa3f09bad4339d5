package dev.lightfast.core.answer;

import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Typed paths through the graph: a breadth-first walk from anchor entities along the allowed
 * relation types, in both directions, to entities that satisfy a goal. Only the shortest paths are
 * returned (all of them at that length), so an answer rests on the most direct cited chain. Hubs
 * (people, repositories, environments...) end a path but are never walked through: through them
 * everything is connected to everything.
 */
final class GraphPaths {
    static final int MAX_DEPTH = 4;
    /** Beyond this many entities on one level the walk stops widening: the answer would not be specific. */
    private static final int MAX_FRONTIER = 200;

    /** One link as walked: the relation and whether it was followed from its {@code from} end. */
    record Link(Relation relation, Entity from, Entity to, boolean forward) {
        RelationType type() {
            return RelationType.of(relation.type()).orElse(RelationType.MENTIONS);
        }
    }

    /** A path from a start to a goal, links in walking order. */
    record Path(Entity start, List<Link> links, Entity end) {
        boolean uses(Set<RelationType> types) {
            return links.stream().anyMatch(l -> types.contains(l.type()));
        }

        int citations() {
            return links.stream().mapToInt(l -> l.relation().citations().size()).sum();
        }
    }

    private final GraphStore graph;
    private final TenantId tenant;
    private final AsOf asOf;
    private final Map<String, Optional<Entity>> entities = new HashMap<>();

    GraphPaths(GraphStore graph, TenantId tenant, AsOf asOf) {
        this.graph = graph;
        this.tenant = tenant;
        this.asOf = asOf;
    }

    TenantId tenant() {
        return tenant;
    }

    Optional<Entity> entity(String id) {
        return entities.computeIfAbsent(id, k -> graph.entity(tenant, k, asOf));
    }

    List<Relation> relations(String id, Set<RelationType> types) {
        Set<String> wire = types.stream().map(RelationType::wire).collect(Collectors.toSet());
        return graph.relations(tenant, id, asOf, wire);
    }

    /**
     * The shortest paths from {@code starts} whose last link satisfies {@code goal} (the entity reached
     * and the link's type), walking only {@code types}; a path must use one of {@code required} when
     * that is not empty.
     */
    List<Path> shortest(
            List<Entity> starts,
            Set<RelationType> types,
            Set<RelationType> required,
            BiPredicate<Entity, RelationType> goal) {
        record Partial(Entity at, List<Link> links, Entity start) {}
        List<Partial> frontier = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Entity s : starts) {
            frontier.add(new Partial(s, List.of(), s));
            seen.put(s.id(), 0);
        }
        for (int depth = 1; depth <= MAX_DEPTH && !frontier.isEmpty(); depth++) {
            List<Path> found = new ArrayList<>();
            List<Partial> next = new ArrayList<>();
            for (Partial p : frontier) {
                for (Relation r : relations(p.at.id(), types)) {
                    // A merged person's edges may name one of their former ids at either end.
                    boolean forward = r.from().equals(p.at.id())
                            || (!r.to().equals(p.at.id())
                                    && entity(r.from())
                                            .map(e -> e.id().equals(p.at.id()))
                                            .orElse(false));
                    String otherId = forward ? r.to() : r.from();
                    if (otherId.equals(p.at.id())) {
                        continue;
                    }
                    Integer at = seen.get(otherId);
                    if (at != null && at < depth) {
                        continue;
                    }
                    Entity other = entity(otherId).orElse(null);
                    if (other == null) {
                        continue;
                    }
                    var link = new Link(r, forward ? p.at : other, forward ? other : p.at, forward);
                    List<Link> links = new ArrayList<>(p.links);
                    links.add(link);
                    var path = new Path(p.start, List.copyOf(links), other);
                    if (goal.test(other, link.type()) && (required.isEmpty() || path.uses(required))) {
                        found.add(path);
                    }
                    if (at == null && !EntityKind.isHub(other.kind()) && next.size() < MAX_FRONTIER) {
                        seen.put(otherId, depth);
                        next.add(new Partial(other, List.copyOf(links), p.start));
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            frontier = next;
        }
        return List.of();
    }
}
