package dev.lightfast.core.answer;

import static dev.lightfast.core.graph.RelationType.AUTHORED;
import static dev.lightfast.core.graph.RelationType.CONTAINS;
import static dev.lightfast.core.graph.RelationType.CO_AUTHORED;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.reading.Anchor;
import dev.lightfast.core.reading.AnswerType;
import dev.lightfast.core.reading.Question;
import dev.lightfast.core.reading.Reading;
import dev.lightfast.core.reading.TimeWindow;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link Reading} into {@link Findings}: walks typed paths in the graph from the anchors to
 * entities of the kind asked for, takes times and lists from the relations that assert them, and
 * cites every link. When the graph holds no path it says so rather than answering something else.
 */
public final class Planner {
    /** Evidence on the path to the answer outranks everything else. */
    static final double PATH = 12;
    /** Evidence that states an answer value. */
    static final double VALUE = 10;
    /** Evidence that describes an answer (a deployment's status), or a description's search hit. */
    static final double SUPPORT = 5;
    /** The most values one answer lists; the count says how many there are in all. */
    static final int MAX_VALUES = 500;

    /** What people do to things: the relations that say someone worked on something. */
    static final Set<RelationType> WORK = EnumSet.of(
            AUTHORED,
            RelationType.OPENED,
            RelationType.MERGED,
            RelationType.REVIEWED,
            RelationType.ASSIGNED_TO,
            RelationType.RELEASED,
            RelationType.CREATED,
            RelationType.DECIDED,
            RelationType.RESOLVED_BY);

    /** Who is behind a thing when a question does not say how: its author, opener, creator, merger. */
    private static final Set<RelationType> MAKERS =
            EnumSet.of(AUTHORED, RelationType.OPENED, RelationType.CREATED, RelationType.MERGED);

    /** How much each relation says that a place changed: merges most, then releases, commits, deploys. */
    private static final Map<RelationType, Double> CHANGE = Map.of(
            RelationType.MERGED,
            3.0,
            RelationType.RELEASED,
            2.5,
            AUTHORED,
            2.0,
            RelationType.DEPLOYED,
            1.0,
            RelationType.CLOSED,
            1.0,
            RelationType.OPENED,
            1.0);

    private static final Set<RelationType> EFFECTS = Arrays.stream(RelationType.values())
            .filter(t -> t.role() == RelationType.Role.EFFECT)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(RelationType.class)));

    private final GraphStore graph;
    private final EventLog log;
    private final dev.lightfast.core.why.WhyChains why;

    public Planner(GraphStore graph, EventLog log) {
        this(graph, log, null);
    }

    /** With the why-chain, which answers "why" questions (null: they list what the thing connects to). */
    public Planner(GraphStore graph, EventLog log, dev.lightfast.core.why.WhyChains why) {
        this.graph = graph;
        this.log = log;
        this.why = why;
    }

    Findings plan(TenantId tenant, Reading reading, AsOf asOf) {
        var f = new Findings(reading, asOf);
        var paths = new GraphPaths(graph, tenant, asOf);
        for (Anchor a : reading.anchors()) {
            for (Entity e : a.source() == Anchor.Source.DESCRIPTION
                    ? a.entities().subList(0, Math.min(1, a.entities().size()))
                    : a.entities()) {
                f.involve(e, "named in the question (" + a.mention() + ")");
            }
            if (a.source() == Anchor.Source.DESCRIPTION) {
                for (int i = 0; i < Math.min(3, a.because().size()); i++) {
                    f.cite(a.because().get(i), SUPPORT - i, "matches the description \"" + a.mention() + "\"");
                }
            }
        }
        Question q = reading.question();
        switch (q.type()) {
            case PERSON -> who(f, paths, reading);
            case ENTITY -> which(f, paths, reading);
            case TIME -> when(tenant, f, paths, reading);
            case LIST, COUNT -> list(tenant, f, paths, reading);
            case REASON -> reason(tenant, f, paths, reading);
        }
        return f;
    }

    // ---- who -----------------------------------------------------------------------------------

    private void who(Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        List<Entity> starts = reading.things();
        if (starts.isEmpty()) {
            f.missing = "the question names no thing to look for people on";
            return;
        }
        Set<RelationType> cues = EnumSet.noneOf(RelationType.class);
        cues.addAll(q.cues());
        Set<RelationType> effects = intersect(cues, EFFECTS);
        Set<RelationType> finals = EnumSet.noneOf(RelationType.class);
        cues.stream().filter(t -> t.role() == RelationType.Role.ACTOR).forEach(finals::add);
        if (cues.contains(CO_AUTHORED)) {
            finals.add(AUTHORED);
        }
        if (finals.isEmpty()) {
            finals.addAll(MAKERS);
        }
        finals.addAll(effects);
        Set<String> named = new LinkedHashSet<>();
        reading.people().forEach(p -> p.entities().forEach(e -> named.add(e.id())));
        // Only the first described thing: a description means one thing, its best match.
        for (Entity start : firstThings(reading)) {
            boolean doer = !effects.isEmpty() && doesEffect(paths, start, effects);
            Set<RelationType> walk = EnumSet.copyOf(finals);
            walk.add(CONTAINS);
            if (!doer) {
                walk.addAll(effects);
            }
            var found = paths.shortest(
                    List.of(start),
                    walk,
                    doer ? Set.of() : effects,
                    (e, t) -> EntityKind.PERSON.is(e.kind()) && finals.contains(t) && !named.contains(e.id()));
            for (var path : best(found)) {
                record(f, path, "the person asked for");
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "no one is linked to " + labels(starts) + " by " + words(finals) + " in the graph";
        }
    }

    /** Whether the thing itself does what the cue says (a fixing commit, not the fixed issue). */
    private static boolean doesEffect(GraphPaths paths, Entity e, Set<RelationType> effects) {
        return paths.relations(e.id(), effects).stream().anyMatch(r -> r.from().equals(e.id()));
    }

    // ---- which ---------------------------------------------------------------------------------

    private void which(Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        EntityKind kind = q.kind();
        Set<RelationType> cues = EnumSet.noneOf(RelationType.class);
        cues.addAll(q.cues());
        cues.remove(AUTHORED); // "made", "changed": how things are, not a link to follow
        Set<RelationType> effects = intersect(cues, EFFECTS);
        List<Entity> starts = firstThings(reading);
        boolean fromPeople = false;
        if (starts.isEmpty()) {
            starts = reading.people().stream()
                    .flatMap(a -> a.entities().stream())
                    .toList();
            fromPeople = true;
        }
        if (starts.isEmpty()) {
            f.missing = "the question names nothing to start from";
            return;
        }
        // "Which commit added the retry?": the described thing may be the answer itself.
        if (kind != null && effects.isEmpty() && !fromPeople) {
            for (Entity s : starts) {
                if (kind.is(s.kind())) {
                    f.value(s, s.citations(), s.firstSeen());
                    f.cite(s.citations(), VALUE, s.name() + " is the " + kind.noun() + " described");
                }
            }
            if (!f.values.isEmpty()) {
                return;
            }
        }
        Set<RelationType> walk = EnumSet.copyOf(EFFECTS);
        walk.addAll(cues);
        if (fromPeople) {
            walk.addAll(WORK);
        }
        Set<RelationType> required = effects;
        var found = paths.shortest(
                starts,
                walk,
                required,
                (e, t) -> kind != null
                        ? kind.is(e.kind())
                        : !EntityKind.isHub(e.kind()) && (cues.isEmpty() || cues.contains(t)));
        for (var path : best(found)) {
            record(f, path, "the " + (kind == null ? "thing" : kind.noun()) + " asked for");
            if (EntityKind.DEPLOYMENT.is(path.end().kind())
                    || EntityKind.RELEASE.is(path.end().kind())) {
                // Its own events (a deployment's status) say how it went.
                for (Citation c : graph.timeline(paths.tenant(), path.end().id(), f.asOf, 0, 20)) {
                    f.cite(c, SUPPORT, "about " + path.end().name());
                }
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "no " + (kind == null ? "thing" : kind.noun()) + " is linked to " + labels(starts)
                    + (cues.isEmpty() ? "" : " by " + words(cues)) + " in the graph";
        }
    }

    // ---- when ----------------------------------------------------------------------------------

    private void when(TenantId tenant, Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        List<Entity> starts = firstThings(reading);
        if (starts.isEmpty()) {
            f.missing = "the question names no thing to date";
            return;
        }
        Set<RelationType> cues = EnumSet.noneOf(RelationType.class);
        cues.addAll(q.cues());
        cues.remove(AUTHORED);
        for (Entity start : starts) {
            if (!cues.isEmpty()) {
                Set<RelationType> walk = EnumSet.copyOf(EFFECTS);
                walk.addAll(cues);
                var found = paths.shortest(List.of(start), walk, Set.of(), (e, t) -> cues.contains(t));
                for (var path : best(found)) {
                    GraphPaths.Link last = path.links().getLast();
                    path.links().forEach(f::step);
                    dated(tenant, f, last.relation(), start, last.type());
                }
                if (!f.values.isEmpty()) {
                    continue;
                }
            }
            // When it was made: its author's (or opener's, creator's) relation, else its first event.
            Relation made = null;
            for (Relation r : paths.relations(start.id(), MAKERS)) {
                if (r.to().equals(start.id()) && (made == null || r.validFrom().isBefore(made.validFrom()))) {
                    made = r;
                }
            }
            if (made != null) {
                paths.entity(made.from()).ifPresent(p -> f.involve(p, "made " + start.name()));
                dated(tenant, f, made, start, RelationType.of(made.type()).orElse(AUTHORED));
            } else {
                var first = graph.timeline(tenant, start.id(), f.asOf, 0, 1);
                if (!first.isEmpty()) {
                    f.time(first.getFirst().occurredAt(), localTime(tenant, first.getFirst()), first);
                    f.cite(first, VALUE, "the first event about " + start.name());
                }
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "nothing in the graph dates " + labels(starts);
        }
    }

    private void dated(TenantId tenant, Findings f, Relation r, Entity thing, RelationType type) {
        List<Citation> cited = f.visible(r.citations());
        if (cited.isEmpty()) {
            return;
        }
        Citation first = cited.getFirst();
        f.time(r.validFrom(), localTime(tenant, first), cited);
        f.cite(cited, VALUE, thing.name() + " " + type.inverse() + " at this time");
    }

    /** The source's own local time of an event, with its offset, when the connector kept it. */
    private String localTime(TenantId tenant, Citation c) {
        return log.find(tenant, c.eventId())
                .map(e -> e.attributes().get(Event.LOCAL_TIME))
                .map(Object::toString)
                .orElse(null);
    }

    // ---- lists ---------------------------------------------------------------------------------

    private void list(TenantId tenant, Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        if (!reading.people().isEmpty()) {
            workOf(tenant, f, paths, reading);
        } else if (!reading.places().isEmpty()) {
            changesIn(f, paths, reading);
        } else if (!reading.things().isEmpty()) {
            historyOf(tenant, f, paths, reading);
        } else {
            f.missing = "the question names no person, place or thing the graph knows";
        }
        if (q.type() == AnswerType.COUNT) {
            List<Citation> all = f.values.values().stream()
                    .map(v -> v.citations().getFirst())
                    .toList();
            int n = f.values.size();
            f.values.clear();
            if (!all.isEmpty()) {
                f.values.put(
                        "count",
                        new Answer.Value(
                                "count",
                                null,
                                Integer.toString(n),
                                null,
                                null,
                                null,
                                all.subList(0, Math.min(all.size(), 50))));
            }
        }
    }

    /** What people worked on: the things they authored, opened, reviewed... in the window. */
    private void workOf(TenantId tenant, Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        TimeWindow window = q.window();
        Set<RelationType> types = EnumSet.noneOf(RelationType.class);
        q.cues().stream().filter(WORK::contains).filter(t -> t != AUTHORED).forEach(types::add);
        if (q.asks(CO_AUTHORED)) {
            types.add(CO_AUTHORED);
        }
        if (types.isEmpty()) {
            types.addAll(WORK);
        }
        Instant now = q.now();
        record Item(Entity thing, Relation r, Instant at) {}
        for (Anchor person : reading.people()) {
            List<Item> items = new ArrayList<>();
            Set<String> ids = person.entities().stream().map(Entity::id).collect(Collectors.toSet());
            Set<String> seenRelations = new LinkedHashSet<>();
            for (Entity identity : person.entities()) {
                f.involve(identity, "the person asked about");
                for (Relation r : paths.relations(identity.id(), types)) {
                    if (!seenRelations.add(r.from() + "|" + r.type() + "|" + r.to() + "|" + r.recordedSeq())) {
                        continue;
                    }
                    RelationType type = RelationType.of(r.type()).orElse(AUTHORED);
                    // The person acts: from their end, or the thing is assigned to them.
                    String other = ids.contains(r.to()) || isIdentity(paths, r.to(), ids) ? r.from() : r.to();
                    if (type != RelationType.ASSIGNED_TO && other.equals(r.from())) {
                        continue;
                    }
                    List<Citation> cited = f.visible(r.citations());
                    if (cited.isEmpty()) {
                        continue;
                    }
                    Instant at = window.bounded()
                            ? inWindow(tenant, window, r, cited)
                            : cited.getLast().occurredAt();
                    if (at == null) {
                        continue;
                    }
                    Entity thing = paths.entity(other).orElse(null);
                    if (thing == null || EntityKind.REVIEW.is(thing.kind()) || EntityKind.isHub(thing.kind())) {
                        continue;
                    }
                    items.add(new Item(thing, r, at));
                }
            }
            items.sort(Comparator.comparing(Item::at));
            for (Item it : items) {
                if (f.values.size() >= MAX_VALUES) {
                    break;
                }
                RelationType type = RelationType.of(it.r.type()).orElse(AUTHORED);
                double recency = window.calendar()
                        ? 0
                        : 1 - Math.min(1, (now.getEpochSecond() - it.at.getEpochSecond()) / (14 * 86_400.0));
                double weight =
                        VALUE + recency + ("open".equals(it.thing.attributes().get("state")) ? 1 : 0);
                List<Citation> cited = f.visible(it.r.citations());
                f.value(it.thing, cited, it.at);
                f.cite(cited, weight, person.mention() + " " + type.phrase() + " " + it.thing.name());
                f.involve(
                        it.thing,
                        type.phrase() + " by " + person.entities().getFirst().name());
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "nothing " + words(types) + " by "
                    + reading.people().getFirst().mention() + (window.phrase() == null ? "" : " " + window.phrase())
                    + " is in the graph";
        }
    }

    private static boolean isIdentity(GraphPaths paths, String id, Set<String> ids) {
        return paths.entity(id).map(e -> ids.contains(e.id())).orElse(false);
    }

    /** When a relation held within the window (the first citing event that falls in it), else null. */
    private Instant inWindow(TenantId tenant, TimeWindow window, Relation r, List<Citation> cited) {
        for (Citation c : cited) {
            if (!window.near(c.occurredAt())) {
                continue;
            }
            boolean edge = window.calendar() && !window.contains(c.occurredAt().minusSeconds(14 * 3600))
                    || window.calendar() && !window.contains(c.occurredAt().plusSeconds(14 * 3600));
            String local = edge ? localTime(tenant, c) : null;
            if (window.contains(c.occurredAt(), local)) {
                return c.occurredAt();
            }
        }
        return null;
    }

    /** What changed in a place: its things' merges, releases, commits and deploys in the window. */
    private void changesIn(Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        Instant from = q.window().from() != null ? q.window().from() : q.now().minusSeconds(7 * 86_400L);
        Instant to = q.window().to() != null ? q.window().to() : q.now().plusSeconds(1);
        Set<RelationType> changes =
                CHANGE.keySet().stream().collect(Collectors.toCollection(() -> EnumSet.noneOf(RelationType.class)));
        for (Entity place : reading.places()) {
            f.involve(place, "where the changes are");
            Map<String, Integer> counts = new LinkedHashMap<>();
            List<String> cited = new ArrayList<>();
            for (Relation belongs : paths.relations(place.id(), Set.of(RelationType.BELONGS_TO))) {
                if (!belongs.to().equals(place.id())
                        || belongs.citations().stream()
                                .noneMatch(c -> !c.occurredAt().isBefore(from)
                                        && c.occurredAt().isBefore(to))) {
                    continue;
                }
                Entity thing = paths.entity(belongs.from()).orElse(null);
                if (thing == null || EntityKind.isHub(thing.kind())) {
                    continue;
                }
                for (Relation r : paths.relations(thing.id(), changes)) {
                    RelationType type = RelationType.of(r.type()).orElseThrow();
                    // A deployment deploys a commit; a person deploys the deployment: count the latter once.
                    if (!r.to().equals(thing.id())) {
                        continue;
                    }
                    for (Citation c : f.visible(r.citations())) {
                        if (c.occurredAt().isBefore(from) || !c.occurredAt().isBefore(to)) {
                            continue;
                        }
                        f.cite(
                                c,
                                VALUE + CHANGE.get(type),
                                thing.name() + " " + type.inverse() + " in " + place.name());
                        f.value(thing, List.of(c), c.occurredAt());
                        counts.merge(thing.kind() + " " + type.inverse(), 1, Integer::sum);
                        if (cited.size() < 10 && CHANGE.get(type) >= 2.5) {
                            cited.add(c.eventId());
                        }
                    }
                }
            }
            if (!counts.isEmpty()) {
                String listed = counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().replace('_', ' '))
                        .collect(Collectors.joining(", "));
                if (cited.isEmpty()) {
                    cited = f.values.values().stream()
                            .map(v -> v.citations().getFirst().eventId())
                            .limit(10)
                            .toList();
                }
                f.sentences.add(new Answer.Sentence(
                        "Between " + day(from) + " and " + day(to) + ", " + place.name() + " had: " + listed + ".",
                        cited));
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "no change to " + labels(reading.places()) + " between " + day(from) + " and " + day(to)
                    + " is in the graph";
        }
    }

    /** What happened to a thing: its events in the window, and what acted on it. */
    private void historyOf(TenantId tenant, Findings f, GraphPaths paths, Reading reading) {
        TimeWindow window = reading.question().window();
        for (Entity thing : firstThings(reading)) {
            for (Citation c : graph.timeline(tenant, thing.id(), f.asOf, 0, 50)) {
                if (window.contains(c.occurredAt())) {
                    String title =
                            log.find(tenant, c.eventId()).map(Event::title).orElse(null);
                    f.event(c, title);
                    f.cite(c, VALUE, "an event about " + thing.name());
                }
            }
            for (Relation r : paths.relations(thing.id(), EFFECTS)) {
                if (!r.to().equals(thing.id())) {
                    continue;
                }
                paths.entity(r.from()).ifPresent(other -> {
                    var link = new GraphPaths.Link(r, other, thing, true);
                    f.step(link);
                    f.involve(
                            other,
                            RelationType.of(r.type()).map(RelationType::phrase).orElse(r.type()) + " " + thing.name());
                    f.cite(r.citations(), PATH, other.name() + " " + r.type().replace('_', ' ') + " " + thing.name());
                });
            }
        }
    }

    // ---- reasons -------------------------------------------------------------------------------

    /** "What caused the incident?": walk back from the incident through releases, deploys, commits. */
    private void reason(TenantId tenant, Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        List<Entity> incidents = new ArrayList<>();
        for (Entity e : reading.things()) {
            if (EntityKind.INCIDENT.is(e.kind())) {
                incidents.add(e);
            }
        }
        if (incidents.isEmpty() && q.window().from() != null) {
            // "the incident after Tuesday's deploy": the first incidents to appear in that window.
            graph.find(tenant, "", EntityKind.INCIDENT.wire(), 50).stream()
                    .filter(e -> q.window().contains(e.firstSeen()))
                    .sorted(Comparator.comparing(Entity::firstSeen))
                    .limit(2)
                    .forEach(incidents::add);
        }
        if (incidents.isEmpty()) {
            incidents.addAll(reading.things().stream().limit(2).toList());
        }
        if (why != null && !incidents.isEmpty()) {
            explained(tenant, f, incidents);
            return;
        }
        for (Entity incident : incidents) {
            f.involve(incident, "the " + incident.kind().replace('_', ' '));
            for (Citation c : graph.timeline(tenant, incident.id(), f.asOf, 0, 10)) {
                f.cite(c, VALUE + 1, "the " + incident.kind().replace('_', ' ') + " itself");
            }
            var seen = new LinkedHashSet<String>(List.of(incident.id()));
            var frontier = new ArrayList<>(List.of(incident));
            List<String> chain = new ArrayList<>();
            List<String> cited = new ArrayList<>();
            for (int depth = 1; depth <= GraphPaths.MAX_DEPTH && !frontier.isEmpty(); depth++) {
                var next = new ArrayList<Entity>();
                for (Entity at : frontier) {
                    for (Relation r : paths.relations(at.id(), Set.of())) {
                        String otherId = r.from().equals(at.id()) ? r.to() : r.from();
                        if (seen.contains(otherId)) {
                            continue;
                        }
                        Entity e = paths.entity(otherId).orElse(null);
                        if (e == null || EntityKind.isHub(e.kind())) {
                            continue;
                        }
                        seen.add(otherId);
                        next.add(e);
                        boolean forward = r.from().equals(at.id());
                        f.step(new GraphPaths.Link(r, forward ? at : e, forward ? e : at, forward));
                        f.value(e, r.citations(), e.firstSeen());
                        String type = r.type().replace('_', ' ');
                        f.involve(e, type + " (" + depth + " step" + (depth > 1 ? "s" : "") + " from the incident)");
                        f.cite(
                                r.citations(),
                                VALUE - depth,
                                e.name() + " " + type + " — " + depth + " step(s) from " + incident.name());
                        if (chain.size() < 8) {
                            chain.add(e.kind().replace('_', ' ') + " " + e.name());
                        }
                        r.citations().stream().map(Citation::eventId).limit(2).forEach(cited::add);
                    }
                }
                frontier = next;
            }
            if (!chain.isEmpty()) {
                f.sentences.add(new Answer.Sentence(
                        incident.name() + " connects to " + String.join(", ", chain) + ".",
                        cited.subList(0, Math.min(cited.size(), 12))));
            }
        }
        if (incidents.isEmpty()) {
            f.missing = "the question names no incident or thing the graph knows";
        }
    }

    /**
     * The why-chain of the first thing it can explain: each cause a value, in the chain's order; the
     * asserted links the path (an inferred one is only in {@code why}, marked so); one sentence per
     * step, its rationale, citing the step's events.
     */
    private void explained(TenantId tenant, Findings f, List<Entity> things) {
        dev.lightfast.core.why.Chain chain = null;
        Entity explained = null;
        for (Entity thing : things) {
            var c = why.explain(tenant, thing, f.asOf);
            if (chain == null || chain.steps().isEmpty() && !c.steps().isEmpty()) {
                chain = c;
                explained = thing;
            }
            if (!c.steps().isEmpty()) {
                break;
            }
        }
        f.why = chain;
        f.involve(explained, "the " + explained.kind().replace('_', ' ') + " explained");
        for (Citation c : graph.timeline(tenant, explained.id(), f.asOf, 0, 5)) {
            f.cite(c, VALUE + 1, "the " + explained.kind().replace('_', ' ') + " itself");
        }
        if (chain.steps().isEmpty()) {
            f.missing = "nothing in the graph links " + explained.name() + " to a cause (no deployment, commit,"
                    + " change or decision before it)";
            return;
        }
        for (var step : chain.steps()) {
            Answer.Ref cause = step.cause();
            List<Citation> cited = f.visible(step.citations());
            f.values.putIfAbsent(
                    cause.id(), new Answer.Value(cause.kind(), cause.id(), cause.label(), null, null, null, cited));
            f.involved.putIfAbsent(
                    cause.id(),
                    new Answer.Involved(
                            cause.id(),
                            cause.kind(),
                            cause.label(),
                            "cause " + step.n() + " (" + step.basis() + ") of " + explained.name()));
            if (!step.inferred()) {
                boolean causeFirst = cause.id().equals(step.from());
                Answer.Ref from = causeFirst ? cause : step.effect();
                Answer.Ref to = causeFirst ? step.effect() : cause;
                f.path.putIfAbsent(
                        from.id() + "|" + step.relation() + "|" + to.id(),
                        new Answer.Step(from, step.relation(), to, cited));
            }
            f.cite(cited, PATH - step.n() * 0.1, "step " + step.n() + " of the causal chain (" + step.basis() + ")");
        }
        f.sentences.addAll(chain.summary());
    }

    // ---- shared --------------------------------------------------------------------------------

    /** Each named thing, and of each description only its best match. */
    private static List<Entity> firstThings(Reading reading) {
        return reading.things();
    }

    /** The best-cited paths among equally short ones: those of the most specific start, most cited first. */
    private static List<GraphPaths.Path> best(List<GraphPaths.Path> found) {
        return found.stream()
                .sorted(Comparator.comparingInt(GraphPaths.Path::citations).reversed())
                .toList();
    }

    private static void record(Findings f, GraphPaths.Path path, String role) {
        path.links().forEach(f::step);
        GraphPaths.Link last = path.links().getLast();
        f.value(path.end(), last.relation().citations(), last.relation().validFrom());
        f.involve(path.end(), role);
        for (var link : path.links()) {
            f.involve(link.from(), "on the path");
            f.involve(link.to(), "on the path");
            f.cite(
                    link.relation().citations(),
                    link == last ? PATH : PATH - 1,
                    link.from().name() + " " + link.type().phrase() + " "
                            + link.to().name());
        }
    }

    private static Set<RelationType> intersect(Set<RelationType> a, Set<RelationType> b) {
        Set<RelationType> out = EnumSet.noneOf(RelationType.class);
        a.stream().filter(b::contains).forEach(out::add);
        return out;
    }

    private static String labels(List<Entity> entities) {
        return entities.stream().map(Entity::name).distinct().limit(3).collect(Collectors.joining(", "));
    }

    private static String words(Set<RelationType> types) {
        return types.stream().map(RelationType::phrase).collect(Collectors.joining(" or "));
    }

    static String day(Instant t) {
        return t.toString().substring(0, 10);
    }
}
