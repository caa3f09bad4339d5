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
    /** Events a count cites, and things its sentence names. */
    private static final int MAX_COUNT_CITATIONS = 50;

    private static final int NAMED_IN_COUNT = 8;

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
            2.1);

    private static final Set<RelationType> EFFECTS = Arrays.stream(RelationType.values())
            .filter(t -> t.role() == RelationType.Role.EFFECT)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(RelationType.class)));

    private final GraphStore graph;
    private final EventLog log;
    private final ShippedBy shippedBy;
    private final dev.lightfast.core.why.WhyChains why;

    public Planner(GraphStore graph, EventLog log) {
        this(graph, log, null);
    }

    /** With the why-chain, which answers "why" questions (null: they list what the thing connects to). */
    public Planner(GraphStore graph, EventLog log, dev.lightfast.core.why.WhyChains why) {
        this.graph = graph;
        this.log = log;
        this.shippedBy = new ShippedBy(graph);
        this.why = why;
    }

    /** What the graph says about a read question, as of the reading point. */
    public Findings plan(TenantId tenant, Reading reading, AsOf asOf) {
        var paths = new GraphPaths(graph, tenant, asOf);
        Findings f = plan(tenant, reading, asOf, paths);
        // A description means its best match; when that leads nowhere, the next best may be meant
        // ("who fixed the retry bug": a message about it first, the issue second).
        if (f.values.isEmpty()) {
            for (Anchor d : reading.descriptions()) {
                for (int i = 1; i < d.entities().size(); i++) {
                    Findings next = plan(tenant, reading.preferring(d, i), asOf, paths);
                    if (!next.values.isEmpty()) {
                        return next;
                    }
                }
            }
        }
        return f;
    }

    private Findings plan(TenantId tenant, Reading reading, AsOf asOf, GraphPaths paths) {
        var f = new Findings(reading, asOf);
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
        // "Who fixed ENG-98?" when no event says what fixed it: the merged pull requests that name it.
        if (f.values.isEmpty() && effects.contains(RelationType.FIXES)) {
            for (Entity start : firstThings(reading)) {
                for (var fix : namingFixes(paths, f, start)) {
                    f.step(fix.inferred());
                    f.step(new GraphPaths.Link(fix.names(), fix.pr(), start, true));
                    for (Relation by : paths.relations(fix.pr().id(), EnumSet.of(AUTHORED))) {
                        Entity person = paths.entity(by.from()).orElse(null);
                        if (!by.to().equals(fix.pr().id()) || person == null || !EntityKind.PERSON.is(person.kind())) {
                            continue;
                        }
                        var link = new GraphPaths.Link(by, person, fix.pr(), true);
                        f.step(link);
                        f.value(person, by.citations(), by.validFrom());
                        f.involve(person, "authored " + fix.pr().name());
                        f.cite(
                                by.citations(),
                                PATH,
                                person.name() + " authored " + fix.pr().name());
                        f.cite(
                                fix.inferred().citations(),
                                PATH - 1,
                                fix.inferred().rationale());
                    }
                }
            }
        }
        if (f.values.isEmpty()) {
            f.missing = "no one is linked to " + labels(starts) + " by " + words(finals) + " in the graph";
        }
    }

    /** The merged pull requests that name a thing, each taken for its fix (see {@link NamedFixes}). */
    private static List<NamedFixes.Fix> namingFixes(GraphPaths paths, Findings f, Entity thing) {
        return NamedFixes.of(
                new NamedFixes.Graph() {
                    public List<Relation> relations(String id, RelationType type) {
                        return paths.relations(id, EnumSet.of(type));
                    }

                    public java.util.Optional<Entity> entity(String id) {
                        return paths.entity(id);
                    }

                    public List<Citation> visible(List<Citation> citations) {
                        return f.visible(citations);
                    }
                },
                thing);
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
        if (kind == EntityKind.DEPLOYMENT && !fromPeople && shipped(f, paths, reading, starts)) {
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
        if (f.values.isEmpty() && kind == EntityKind.DEPLOYMENT) {
            String where = reading.places().stream()
                    .filter(p -> EntityKind.ENVIRONMENT.is(p.kind()))
                    .map(Entity::name)
                    .distinct()
                    .collect(Collectors.joining(" or "));
            f.missing = "no deployment" + (where.isEmpty() ? "" : " to " + where) + " shipped " + labels(starts)
                    + " as far as the graph shows: none deployed it or a later commit of its branch";
        } else if (f.values.isEmpty()) {
            f.missing = "no " + (kind == null ? "thing" : kind.noun()) + " is linked to " + labels(starts)
                    + (cues.isEmpty() ? "" : " by " + words(cues)) + " in the graph";
        }
    }

    /** Kinds whose deployments {@link ShippedBy} can find. */
    private static boolean shippable(Entity e) {
        return EntityKind.of(e.kind())
                .map(k -> switch (k) {
                    case COMMIT, PULL_REQUEST, ISSUE, INCIDENT, RELEASE, TAG, DEPLOYMENT -> true;
                    default -> false;
                })
                .orElse(false);
    }

    /** The deployments that shipped a thing, only to the environments the question names if it names any. */
    private List<ShippedBy.Shipment> shipments(GraphPaths paths, Reading reading, Entity start, AsOf asOf) {
        Set<String> environments = new LinkedHashSet<>();
        for (Entity place : reading.places()) {
            if (EntityKind.ENVIRONMENT.is(place.kind())) {
                environments.add(place.id());
            }
        }
        return shippedBy.of(paths.tenant(), start, asOf).stream()
                .filter(s -> environments.isEmpty()
                        || s.environment() != null
                                && environments.contains(s.environment().id()))
                .toList();
    }

    /** "Which deployment shipped PR #57?": the first deployment per environment, its path cited. */
    private boolean shipped(Findings f, GraphPaths paths, Reading reading, List<Entity> starts) {
        List<Entity> shippable = starts.stream().filter(Planner::shippable).toList();
        if (shippable.isEmpty()) {
            return false;
        }
        for (Entity start : shippable) {
            for (var s : shipments(paths, reading, start, f.asOf)) {
                shipment(f, paths, s);
                f.value(s.deployment(), s.citations(), s.at());
                f.involve(s.deployment(), "the deployment asked for");
            }
        }
        // Nothing found: the typed paths may still reach a deployment the inference could not place.
        return !f.values.isEmpty();
    }

    /** Records a shipment's path, each link cited (an inferred one with its rationale), and its deployment. */
    private void shipment(Findings f, GraphPaths paths, ShippedBy.Shipment s) {
        for (Answer.Step step : s.path()) {
            f.step(step);
            boolean last = step == s.link();
            String why = step.from().label() + " "
                    + RelationType.of(step.relation()).map(RelationType::phrase).orElse(step.relation()) + " "
                    + step.to().label() + (step.inferred() ? " (inferred: " + step.rationale() + ")" : "");
            f.cite(step.citations(), last ? PATH : PATH - 1, why);
        }
        if (s.environment() != null) {
            f.involve(s.environment(), "where " + s.deployment().name() + " went");
        }
        // Its own events (a deployment's status) say how it went.
        for (Citation c : graph.timeline(paths.tenant(), s.deployment().id(), f.asOf, 0, 20)) {
            f.cite(c, SUPPORT, "about " + s.deployment().name());
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
        // "When was v2.12.0 deployed?": the time of the deployment that shipped it. A version may
        // name several things (the release, an error tracker's release of it): any that shipped says.
        if (cues.contains(RelationType.DEPLOYED)) {
            for (Entity start : starts) {
                if (!shippable(start)) {
                    continue;
                }
                for (var s : shipments(paths, reading, start, f.asOf)) {
                    shipment(f, paths, s);
                    f.time(s.at(), null, s.citations());
                    f.cite(
                            s.citations(),
                            VALUE,
                            start.name() + " was deployed by " + s.deployment().name());
                }
            }
            if (!f.values.isEmpty()) {
                return;
            }
        }
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
            count(f, reading);
        }
    }

    /**
     * "How many PRs did Priya merge?": the number, what it counts in words, and what was counted:
     * each counted thing stays in the path with the relation that made it count, and the summary
     * names them.
     */
    private static void count(Findings f, Reading reading) {
        List<Answer.Value> counted = List.copyOf(f.values.values());
        f.values.clear();
        if (counted.isEmpty()) {
            return;
        }
        List<Citation> all = new ArrayList<>();
        for (Answer.Value v : counted) {
            all.add(v.citations().getFirst());
        }
        Question q = reading.question();
        String what = f.counted != null ? f.counted : counted(q, counted.size());
        String window = q.window().phrase() == null ? "" : " " + q.window().phrase();
        f.values.put(
                "count",
                new Answer.Value(
                        "count",
                        null,
                        Integer.toString(counted.size()),
                        what + window,
                        null,
                        null,
                        all.subList(0, Math.min(all.size(), MAX_COUNT_CITATIONS))));
        String names = counted.stream()
                .limit(NAMED_IN_COUNT)
                .map(v -> v.label() + (v.title() == null ? "" : " (\"" + v.title() + "\")"))
                .collect(Collectors.joining("; "));
        f.sentences.add(new Answer.Sentence(
                counted.size() + " " + what + window + ": " + names
                        + (counted.size() > NAMED_IN_COUNT
                                ? " (and " + (counted.size() - NAMED_IN_COUNT) + " more)"
                                : "")
                        + ".",
                all.stream().limit(NAMED_IN_COUNT).map(Citation::eventId).toList()));
    }

    /** What a count counts when the plan did not say: "pull requests", "things". */
    private static String counted(Question q, int n) {
        EntityKind kind = q.kind();
        if (kind == null || kind == EntityKind.PERSON) {
            return n == 1 ? "thing" : "things";
        }
        return n == 1 ? kind.noun() : kind.plural();
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
        EntityKind asked = q.kind() == EntityKind.PERSON ? null : q.kind();
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
                    String other;
                    if (ids.contains(r.from())) {
                        other = r.to();
                    } else if (ids.contains(r.to())) {
                        other = r.from();
                    } else {
                        other = isIdentity(paths, r.to(), ids) ? r.from() : r.to();
                    }
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
                    // "How many PRs did Priya merge?": only the kind asked for.
                    if (asked != null && !asked.is(thing.kind())) {
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
                Entity actor =
                        paths.entity(it.r.from()).orElse(person.entities().getFirst());
                Entity target = paths.entity(it.r.to()).orElse(it.thing);
                f.step(Answer.Step.asserted(Findings.ref(actor), it.r.type(), Findings.ref(target), cited));
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
        // What the values are, for a count: "pull requests merged by Priya Raman".
        String things = asked == null
                ? (f.values.size() == 1 ? "thing" : "things")
                : f.values.size() == 1 ? asked.noun() : asked.plural();
        String how = types.size() == 1 ? types.iterator().next().done() : "worked on";
        f.counted = things + " " + how + " by "
                + reading.people().stream()
                        .map(a -> Findings.label(a.entities().getFirst()))
                        .distinct()
                        .collect(Collectors.joining(" and "));
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

    /**
     * What changed in a place: its things merged, released, opened, committed and shipped in the
     * window. Each thing counts once, under the strongest change that happened to it then (a pull
     * request opened and merged in the week was merged), and the summary says it in the
     * vocabulary's words: "3 pull requests merged (#318, #319, #320), 1 release published (v2.15.1)".
     */
    private void changesIn(Findings f, GraphPaths paths, Reading reading) {
        Question q = reading.question();
        Instant from = q.window().from() != null ? q.window().from() : q.now().minusSeconds(7 * 86_400L);
        Instant to = q.window().to() != null ? q.window().to() : q.now().plusSeconds(1);
        Set<RelationType> changes =
                CHANGE.keySet().stream().collect(Collectors.toCollection(() -> EnumSet.noneOf(RelationType.class)));
        for (Entity place : reading.places()) {
            f.involve(place, "where the changes are");
            record Change(Entity thing, RelationType type, Relation relation, List<Citation> cited) {}
            Map<String, Change> strongest = new LinkedHashMap<>();
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
                    // The change happened when the relation began, not whenever an event repeated it.
                    if (r.validFrom().isBefore(from) || !r.validFrom().isBefore(to)) {
                        continue;
                    }
                    List<Citation> cited = f.visible(r.citations()).stream()
                            .filter(c -> !c.occurredAt().isBefore(from)
                                    && c.occurredAt().isBefore(to))
                            .toList();
                    if (cited.isEmpty()) {
                        continue;
                    }
                    Change c = new Change(thing, type, r, cited);
                    strongest.merge(thing.id(), c, (a, b) -> CHANGE.get(b.type) > CHANGE.get(a.type) ? b : a);
                }
            }
            record Group(EntityKind kind, RelationType type) {}
            Map<Group, List<Change>> groups = new LinkedHashMap<>();
            for (Change c : strongest.values()) {
                EntityKind kind = EntityKind.of(c.thing.kind()).orElse(null);
                if (kind == null) {
                    continue;
                }
                groups.computeIfAbsent(new Group(kind, c.type), k -> new ArrayList<>())
                        .add(c);
                for (Citation cite : c.cited) {
                    f.cite(
                            cite,
                            VALUE + CHANGE.get(c.type),
                            c.thing.name() + " " + c.type.done() + " in " + place.name());
                }
                f.value(c.thing, c.cited, c.relation.validFrom());
            }
            if (groups.isEmpty()) {
                continue;
            }
            List<Map.Entry<Group, List<Change>>> ordered = new ArrayList<>(groups.entrySet());
            ordered.sort((a, b) -> Double.compare(CHANGE.get(b.getKey().type), CHANGE.get(a.getKey().type)));
            List<String> parts = new ArrayList<>();
            List<String> cited = new ArrayList<>();
            for (var g : ordered) {
                List<Change> list = g.getValue();
                String named = list.stream().limit(3).map(c -> c.thing.name()).collect(Collectors.joining(", "));
                parts.add(g.getKey().kind.count(list.size()) + " "
                        + g.getKey().type.done() + " (" + named + (list.size() > 3 ? ", ..." : "") + ")");
                list.stream().limit(3).forEach(c -> cited.add(c.cited.getFirst().eventId()));
            }
            f.sentences.add(new Answer.Sentence(
                    "Between " + day(from) + " and " + day(to) + ", " + place.name() + " had "
                            + String.join(", ", parts) + ".",
                    cited.subList(0, Math.min(cited.size(), 12))));
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
            // Who made it and when, and where it stands.
            Relation made = null;
            for (Relation r : paths.relations(thing.id(), MAKERS)) {
                if (r.to().equals(thing.id())
                        && !f.visible(r.citations()).isEmpty()
                        && (made == null || madeEarlier(r, made))) {
                    made = r;
                }
            }
            Object state = thing.attributes().get("state");
            if (made != null) {
                Relation m = made;
                paths.entity(m.from())
                        .ifPresent(maker -> f.sentences.add(new Answer.Sentence(
                                thing.name() + title(thing) + " was "
                                        + RelationType.of(m.type())
                                                .map(RelationType::inverse)
                                                .orElse(m.type()) + " "
                                        + Findings.label(maker) + " on " + day(m.validFrom())
                                        + (state == null ? "" : "; it is " + state + " now") + ".",
                                f.visible(m.citations()).stream()
                                        .limit(2)
                                        .map(Citation::eventId)
                                        .toList())));
            }
            // What acted on it: "#301 was fixed by #302, authored by Priya Raman, merged by Maya Chen".
            boolean fixed = false;
            for (Relation r : paths.relations(thing.id(), EFFECTS)) {
                if (!r.to().equals(thing.id()) || f.visible(r.citations()).isEmpty()) {
                    continue;
                }
                Entity other = paths.entity(r.from()).orElse(null);
                if (other == null) {
                    continue;
                }
                RelationType type = RelationType.of(r.type()).orElse(RelationType.MENTIONS);
                f.step(new GraphPaths.Link(r, other, thing, true));
                f.involve(other, type.phrase() + " " + thing.name());
                f.cite(r.citations(), PATH, other.name() + " " + type.phrase() + " " + thing.name());
                if (type == RelationType.FIXES) {
                    fixed = true;
                    List<String> cited = new ArrayList<>(f.visible(r.citations()).stream()
                            .limit(2)
                            .map(Citation::eventId)
                            .toList());
                    fixedBy(tenant, f, paths, thing, other, thing.name() + " was fixed by ", cited);
                }
            }
            // An issue of another tool is fixed by the merged pull request that names it, as far as
            // anyone can tell: said so, and marked inferred.
            if (!fixed) {
                for (var fix : namingFixes(paths, f, thing)) {
                    f.step(fix.inferred());
                    f.step(new GraphPaths.Link(fix.names(), fix.pr(), thing, true));
                    f.involve(fix.pr(), "names " + thing.name());
                    f.cite(fix.inferred().citations(), PATH, fix.inferred().rationale());
                    List<String> cited = new ArrayList<>(fix.inferred().citations().stream()
                            .limit(2)
                            .map(Citation::eventId)
                            .toList());
                    fixedBy(
                            tenant,
                            f,
                            paths,
                            thing,
                            fix.pr(),
                            thing.name() + " was likely fixed (inferred: "
                                    + fix.inferred().rationale() + ") by ",
                            cited);
                }
            }
        }
    }

    /**
     * "...#302 ("title"), authored by Priya Raman, merged by Maya Chen on 2026-10-06, shipped by
     * deployment 3104562877 to production on 2026-10-08 (inferred)." The fix's makers and where it
     * shipped, each in the path and cited.
     */
    private void fixedBy(
            TenantId tenant, Findings f, GraphPaths paths, Entity thing, Entity fix, String lead, List<String> cited) {
        List<String> said = new ArrayList<>();
        for (Relation by : paths.relations(fix.id(), EnumSet.of(AUTHORED, RelationType.MERGED))) {
            if (!by.to().equals(fix.id()) || f.visible(by.citations()).isEmpty()) {
                continue;
            }
            Entity person = paths.entity(by.from()).orElse(null);
            if (person == null || !EntityKind.PERSON.is(person.kind())) {
                continue;
            }
            RelationType byType = RelationType.of(by.type()).orElse(AUTHORED);
            String part = byType.inverse() + " " + Findings.label(person)
                    + (byType == RelationType.MERGED ? " on " + day(by.validFrom()) : "");
            if (!said.contains(part)) {
                said.add(part);
                f.step(new GraphPaths.Link(by, person, fix, true));
                cited.add(f.visible(by.citations()).getFirst().eventId());
            }
        }
        for (var shipment : shippedBy.of(tenant, fix, f.asOf)) {
            shipment.path().forEach(f::step);
            said.add("shipped by " + shipment.deployment().name()
                    + (shipment.environment() == null
                            ? ""
                            : " to " + shipment.environment().name()) + " on "
                    + day(shipment.at()) + (shipment.inferred() ? " (inferred)" : ""));
            cited.add(shipment.citations().getFirst().eventId());
        }
        f.sentences.add(new Answer.Sentence(
                lead + fix.name() + title(fix) + (said.isEmpty() ? "" : ", " + String.join(", ", said)) + ".", cited));
    }

    /** The earlier of two makers' relations; at the same time, "opened" says it best, then "created". */
    private static boolean madeEarlier(Relation r, Relation than) {
        int c = r.validFrom().compareTo(than.validFrom());
        if (c != 0) {
            return c < 0;
        }
        List<String> order = List.of(RelationType.OPENED.wire(), RelationType.CREATED.wire(), AUTHORED.wire());
        int a = order.indexOf(r.type());
        int b = order.indexOf(than.type());
        return a >= 0 && (b < 0 || a < b);
    }

    private static String title(Entity e) {
        Object t = e.attributes().get("title");
        return t == null ? "" : " (\"" + t + "\")";
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
            // Inferred links go into the path too, marked as such with their confidence and reason.
            boolean causeFirst = cause.id().equals(step.from());
            Answer.Ref from = causeFirst ? cause : step.effect();
            Answer.Ref to = causeFirst ? step.effect() : cause;
            f.path.putIfAbsent(
                    from.id() + "|" + step.relation() + "|" + to.id(),
                    step.inferred()
                            ? new Answer.Step(
                                    from,
                                    step.relation(),
                                    to,
                                    cited,
                                    Answer.Step.INFERRED,
                                    step.confidence(),
                                    step.rationale())
                            : Answer.Step.asserted(from, step.relation(), to, cited));
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
