package dev.lightfast.core.coverage;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.coverage.CoverageReport.ConnectionCoverage;
import dev.lightfast.core.coverage.CoverageReport.DayCount;
import dev.lightfast.core.coverage.CoverageReport.LastDelivery;
import dev.lightfast.core.coverage.CoverageReport.LinkExample;
import dev.lightfast.core.coverage.CoverageReport.Linking;
import dev.lightfast.core.coverage.CoverageReport.ToolLinking;
import dev.lightfast.core.coverage.CoverageReport.UnlinkedGroup;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventPage;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Neighbourhood;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes a tenant's {@link CoverageReport}. Links are read from the graph, not from the events'
 * text: an event counts as linked when a thing it is about has an edge, asserted by any event, to a
 * thing of another tool (a PR to the Linear issue it fixes, a deployment to its commit, an incident
 * to the release). People, repositories, channels and other hubs are left out on both ends: every
 * tool's events touch a person, which says nothing about whether the work is connected.
 */
public final class Coverage {
    public static final int MAX_DAYS = 90;
    public static final int DEFAULT_DAYS = 14;
    /** Events one report reads from the window, newest last; a bigger window is reported truncated. */
    static final int MAX_EVENTS = 20_000;
    /** Distinct things whose edges one report reads from the graph. */
    static final int MAX_ENTITIES = 5_000;

    private static final int EXAMPLES = 3;
    private static final int GROUPS = 10;
    private final ConnectionStore connections;
    private final ConnectionActivity activity;
    private final EventLog log;
    private final GraphStore graph;
    private final WebhookFailures failures;
    private final Function<String, String> toolOfKey;
    private final Clock clock;

    public Coverage(
            ConnectionStore connections,
            ConnectionActivity activity,
            EventLog log,
            GraphStore graph,
            WebhookFailures failures,
            Function<String, String> toolOfKey,
            Clock clock) {
        this.connections = connections;
        this.activity = activity;
        this.log = log;
        this.graph = graph;
        this.failures = failures;
        this.toolOfKey = toolOfKey;
        this.clock = clock;
    }

    /**
     * @param to the end of the window (exclusive); the end of today (UTC) when null
     * @param days the window's length in days
     */
    public CoverageReport report(TenantId tenant, Instant to, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInput("days must be between 1 and " + MAX_DAYS);
        }
        // Whole UTC days by default, ending with today, so that each per-day count is of a whole day.
        Instant end = to != null
                ? to
                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
        Instant start = end.minus(Duration.ofDays(days));
        long checkpoint = graph.checkpoint(tenant);
        long lastSeq = log.lastSeq(tenant);
        return new CoverageReport(
                new CoverageReport.Window(start, end, days),
                lastSeq,
                checkpoint,
                connections(tenant, start, end),
                linking(tenant, start, end));
    }

    private List<ConnectionCoverage> connections(TenantId tenant, Instant from, Instant to) {
        var byId = new HashMap<String, ConnectionActivity.Activity>();
        for (var a : activity.activity(tenant, from, to)) {
            byId.put(a.connectionId(), a);
        }
        var out = new ArrayList<ConnectionCoverage>();
        for (var c : connections.list(tenant)) {
            var a = byId.get(c.id());
            var perDay = new ArrayList<DayCount>();
            long inWindow = 0;
            for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
                    day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to);
                    day = day.plusDays(1)) {
                long n = a == null ? 0 : a.eventsPerDay().getOrDefault(day, 0L);
                inWindow += n;
                perDay.add(new DayCount(day, n));
            }
            out.add(new ConnectionCoverage(
                    c.id(),
                    c.provider(),
                    c.createdAt(),
                    a == null || a.lastDeliveryId() == null
                            ? null
                            : new LastDelivery(a.lastDeliveryId(), a.lastDeliveryAt(), a.lastEventName()),
                    a == null ? 0 : a.deliveries(),
                    inWindow,
                    perDay,
                    failures.seen(tenant, c.id())));
        }
        return out;
    }

    /** What links one thing to another tool's work: the edge and the event that asserted it. */
    private record Link(String relation, String otherKey, String otherTool, Citation citation) {}

    private static final Link NONE = new Link(null, null, null, null);

    private static final class ToolTally {
        long events;
        long linked;
        final List<LinkExample> examples = new ArrayList<>();
    }

    private static final class Group {
        long events;
        final Set<String> entities = new LinkedHashSet<>();
        final List<Citation> examples = new ArrayList<>();
    }

    private Linking linking(TenantId tenant, Instant from, Instant to) {
        var window = window(tenant, from, to);
        boolean truncated = window.truncated;
        var links = new HashMap<String, Link>();
        var entities = new HashMap<String, Optional<Entity>>();
        var byTool = new TreeMap<String, ToolTally>();
        var groups = new LinkedHashMap<String, Group>();
        long linkedEvents = 0;
        for (Event e : window.events) {
            var tally = byTool.computeIfAbsent(e.source(), k -> new ToolTally());
            tally.events++;
            EntityRef main = null;
            LinkExample example = null;
            for (EntityRef s : e.subjects() == null ? List.<EntityRef>of() : e.subjects()) {
                if (s == null || Neighbourhood.isHub(s.kind())) {
                    continue;
                }
                if (main == null) {
                    main = s;
                }
                Link link = links.get(s.key());
                if (link == null) {
                    if (links.size() >= MAX_ENTITIES) {
                        truncated = true;
                        continue;
                    }
                    link = link(tenant, s, entities);
                    links.put(s.key(), link);
                }
                if (link != NONE) {
                    example = new LinkExample(
                            e.id(), s.key(), link.relation(), link.otherKey(), link.otherTool(), link.citation());
                    break;
                }
            }
            if (example != null) {
                tally.linked++;
                linkedEvents++;
                if (tally.examples.size() < EXAMPLES) {
                    tally.examples.add(example);
                }
            } else {
                String kind = main == null ? "none" : main.kind();
                var g = groups.computeIfAbsent(e.source() + "\u0000" + kind, k -> new Group());
                g.events++;
                if (main != null) {
                    g.entities.add(main.key());
                }
                if (g.examples.size() < EXAMPLES) {
                    g.examples.add(Citation.of(e));
                }
            }
        }
        var tools = new ArrayList<ToolLinking>();
        byTool.forEach((tool, t) -> tools.add(
                new ToolLinking(tool, t.events, t.linked, CoverageReport.share(t.linked, t.events), t.examples)));
        var unlinked = new ArrayList<UnlinkedGroup>();
        groups.forEach((key, g) -> {
            int cut = key.indexOf('\u0000');
            unlinked.add(new UnlinkedGroup(
                    key.substring(0, cut), key.substring(cut + 1), g.events, g.entities.size(), g.examples));
        });
        unlinked.sort(Comparator.comparingLong(UnlinkedGroup::events)
                .reversed()
                .thenComparing(UnlinkedGroup::tool)
                .thenComparing(UnlinkedGroup::kind));
        long total = window.events.size();
        return new Linking(
                total,
                linkedEvents,
                CoverageReport.share(linkedEvents, total),
                tools,
                unlinked.subList(0, Math.min(GROUPS, unlinked.size())),
                truncated);
    }

    private Link link(TenantId tenant, EntityRef thing, Map<String, Optional<Entity>> entities) {
        String id = EntityIds.of(thing);
        String tool = toolOf(thing.key());
        // Edges in a stable order (first recorded first), so the same graph always gives the same example.
        var relations = new ArrayList<>(graph.relations(tenant, id, AsOf.NOW, Set.of()));
        relations.sort(Comparator.comparingLong(Relation::recordedSeq));
        for (Relation r : relations) {
            String other = r.from().equals(id) ? r.to() : r.from();
            var found = entities.computeIfAbsent(other, o -> graph.entity(tenant, o, AsOf.NOW));
            if (found.isEmpty() || Neighbourhood.isHub(found.get().kind())) {
                continue;
            }
            String otherTool = toolOf(found.get().key());
            if (!otherTool.equals(tool)) {
                var citations = r.citations() == null ? List.<Citation>of() : r.citations();
                return new Link(
                        r.type(), found.get().key(), otherTool, citations.isEmpty() ? null : citations.getFirst());
            }
        }
        return NONE;
    }

    /** The tool a key belongs to, as the connectors say (a commit's shared prefix is the code host's). */
    private String toolOf(String key) {
        return toolOfKey.apply(key);
    }

    private record Window(List<Event> events, boolean truncated) {}

    /** The events that occurred in the window, the newest {@link #MAX_EVENTS} when there are more. */
    private Window window(TenantId tenant, Instant from, Instant to) {
        var events = new java.util.ArrayDeque<Event>();
        boolean truncated = false;
        long after = 0;
        while (true) {
            EventPage page = log.read(tenant, new EventQuery(after, EventQuery.MAX_LIMIT, null, null, from, to));
            for (Event e : page.events()) {
                events.addLast(e);
                if (events.size() > MAX_EVENTS) {
                    events.removeFirst();
                    truncated = true;
                }
            }
            if (!page.hasMore() || page.events().isEmpty()) {
                return new Window(List.copyOf(events), truncated);
            }
            after = page.nextAfter();
        }
    }
}
