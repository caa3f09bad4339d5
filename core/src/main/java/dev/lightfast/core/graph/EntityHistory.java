package dev.lightfast.core.graph;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;

/**
 * An entity's history: the events that cite it, in causal order, a page at a time. The REST
 * timeline and the MCP {@code timeline} tool both read it here, so they cannot disagree.
 */
public final class EntityHistory {
    public static final int MAX_LIMIT = 500;

    private final GraphStore graph;
    private final EventLog log;

    public EntityHistory(GraphStore graph, EventLog log) {
        this.graph = graph;
        this.log = log;
    }

    /** A page of the history; continue with {@code after = nextAfter} while {@code hasMore}. */
    public record Page(Entity entity, List<Event> events, long nextAfter, boolean hasMore) {}

    public Page page(TenantId tenant, Entity entity, AsOf asOf, long after, int limit) {
        if (after < 0) {
            throw new InvalidInput("after must be a seq >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        // One more than asked tells whether another page follows without a second query.
        var cited = graph.timeline(tenant, entity.id(), asOf, after, limit + 1);
        boolean more = cited.size() > limit;
        var shown = more ? cited.subList(0, limit) : cited;
        List<Event> events = new ArrayList<>(shown.size());
        for (var c : shown) {
            log.find(tenant, c.eventId()).ifPresent(events::add);
        }
        long next = shown.isEmpty() ? after : shown.getLast().seq();
        return new Page(entity, events, next, more);
    }
}
