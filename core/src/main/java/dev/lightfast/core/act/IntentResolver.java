package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.reading.Anchor;
import dev.lightfast.core.reading.PeopleDirectory;
import dev.lightfast.core.reading.Reading;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an intent's references the way questions are read, and decides where and how: the entity a
 * reference means (through the same {@link dev.lightfast.core.reading.Reader} and, for a reference
 * that names a thing by its relations, "the PR that fixed #41", the same {@link Answerer}), the tool
 * and connection that hold it, the tracker a team uses for a repository, the channel a service's
 * incidents go to, and a person's identity in the target tool. Every step is cited. A reference
 * that means nothing, or more than one thing, is the caller's to fix: {@link InvalidInput} with
 * what was tried and the candidates.
 */
public final class IntentResolver {
    /** Issues counted to tell which tracker a repository's work goes to. */
    static final int TRACKER_SAMPLE = 40;
    /** Citations kept per step: enough to check, few enough to read. */
    static final int CITED = 5;

    private final GraphStore graph;
    private final Answerer answerer;
    private final PeopleDirectory people;
    private final ConnectionStore connections;
    private final Toolbox tools;
    private final Clock clock;

    public IntentResolver(
            GraphStore graph, Answerer answerer, ConnectionStore connections, Toolbox tools, Clock clock) {
        this.graph = graph;
        this.answerer = answerer;
        this.people = new PeopleDirectory(graph);
        this.connections = connections;
        this.tools = tools;
        this.clock = clock;
    }

    /** A reference resolved to one entity, with the steps that led there. */
    public record Found(Entity entity, List<Resolution> steps) {}

    /** The tool an entity lives in, from its key. */
    public String toolOf(Entity e) {
        return tools.toolOf(e);
    }

    /** The key after the tool's prefix: {@code acme/api/pull/3}. */
    public static String local(Entity e) {
        return ToolActions.local(e);
    }

    public Toolbox tools() {
        return tools;
    }

    /** The thing a reference means, of one of {@code kinds}. */
    public Found item(TenantId tenant, String argument, String reference, Set<EntityKind> kinds) {
        Reading reading = answerer.reader().read(tenant, reference, AsOf.NOW, clock.instant());
        List<String> tried = new ArrayList<>();
        Map<String, Entity> direct = new LinkedHashMap<>();
        List<Entity> places = new ArrayList<>();
        for (Anchor a : reading.anchors()) {
            tried.add("'" + a.mention() + "' (" + a.source().name().toLowerCase(java.util.Locale.ROOT) + ") → "
                    + a.entities().stream().limit(3).map(Entity::name).collect(Collectors.joining(", ")));
            if (a.source() == Anchor.Source.DESCRIPTION) {
                continue;
            }
            for (Entity e : a.entities()) {
                if (fits(e, kinds)) {
                    direct.putIfAbsent(e.id(), e);
                } else if (EntityKind.isHub(e.kind()) && !EntityKind.PERSON.is(e.kind())) {
                    places.add(e);
                }
            }
        }
        // On a code host a pull request is also an issue with its number: "#2" then means the pull request.
        direct.values()
                .removeIf(e -> e.key().contains("/issues/")
                        && direct.values().stream()
                                .anyMatch(p -> p.key().equals(e.key().replace("/issues/", "/pull/"))));
        boolean relational = !reading.question().cues().isEmpty();
        if (direct.size() > 1) {
            // A reference that is an entity's own key means that entity, whatever else it also matched.
            String ref = reference.strip();
            direct.values().stream()
                    .filter(e -> e.key().equalsIgnoreCase(ref))
                    .findFirst()
                    .ifPresent(exact -> direct.values().removeIf(e -> !e.id().equals(exact.id())));
        }
        if (!relational && direct.size() == 1) {
            Entity e = direct.values().iterator().next();
            return new Found(
                    e,
                    List.of(new Resolution(
                            argument + " \"" + reference + "\" is " + kindNoun(e) + " " + e.name(),
                            cite(e.citations()))));
        }
        if (!relational && direct.size() > 1) {
            throw ambiguous(argument, reference, direct.values());
        }
        if (relational) {
            var answered = answered(tenant, argument, reference, kinds, tried);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        if (!places.isEmpty()) {
            var latest = latestOf(tenant, argument, reference, places, kinds);
            if (latest.isPresent()) {
                return latest.get();
            }
        }
        if (!relational && reading.descriptions().size() == 1) {
            List<Entity> described = reading.descriptions().getFirst().entities().stream()
                    .filter(e -> fits(e, kinds))
                    .toList();
            if (!described.isEmpty()) {
                Entity e = described.getFirst();
                return new Found(
                        e,
                        List.of(new Resolution(
                                argument + " \"" + reference + "\" is read as " + kindNoun(e) + " " + e.name()
                                        + ", the best match of a search for it",
                                cite(reading.descriptions().getFirst().because()))));
            }
        }
        throw new InvalidInput(argument + " \"" + reference + "\" names no " + nouns(kinds) + " Lightfast knows of."
                + (tried.isEmpty() ? " Nothing in it was recognised." : " Read as: " + String.join("; ", tried) + ".")
                + " Name it by its key (" + String.join(", ", tools.referenceExamples())
                + ") or describe it more closely.");
    }

    /** A reference that names a thing by its relations, answered like the question it is. */
    private Optional<Found> answered(
            TenantId tenant, String argument, String reference, Set<EntityKind> kinds, List<String> tried) {
        String question = question(reference, kinds);
        Answer answer = answerer.answer(tenant, question, AsOf.NOW, 5);
        Map<String, Answer.Value> values = new LinkedHashMap<>();
        for (Answer.Value v : answer.answer()) {
            if (v.id() != null && kinds.stream().anyMatch(k -> k.is(v.kind()))) {
                values.putIfAbsent(v.id(), v);
            }
        }
        tried.add("answered \"" + question + "\" → "
                + (answer.answer().isEmpty()
                        ? "nothing"
                        : answer.answer().stream().map(Answer.Value::label).collect(Collectors.joining(", "))));
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Entity> found = values.keySet().stream()
                .map(id -> graph.entity(tenant, id, AsOf.NOW))
                .flatMap(Optional::stream)
                .toList();
        if (found.size() > 1) {
            throw ambiguous(argument, reference, found);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Entity e = found.getFirst();
        List<Resolution> steps = new ArrayList<>();
        if (answer.path() != null) {
            for (Answer.Step s : answer.path()) {
                steps.add(new Resolution(
                        s.from().label() + " " + s.relation().replace('_', ' ') + " " + s.to().label()
                                + (s.inferred() ? " (inferred: " + s.rationale() + ")" : ""),
                        cite(s.citations())));
            }
        }
        Answer.Value v = values.values().iterator().next();
        steps.add(new Resolution(
                argument + " \"" + reference + "\" is " + kindNoun(e) + " " + e.name(), cite(v.citations())));
        return Optional.of(new Found(e, steps));
    }

    private static final java.util.regex.Pattern RELATIVE =
            java.util.regex.Pattern.compile("(?i)^(?:the|a|an)\\s+(.+?)\\s+(?:that|which|who)\\s+(.+)$");

    /**
     * The question a reference stands for, as answers read them: "the PR that fixed #41" asks "which
     * pull request fixed #41?", "the reviewer of the PR that ..." asks "who is the reviewer of ...?".
     */
    static String question(String reference, Set<EntityKind> kinds) {
        var m = RELATIVE.matcher(reference.strip());
        if (m.matches()) {
            String head = m.group(1).toLowerCase(java.util.Locale.ROOT);
            var kind = java.util.Arrays.stream(EntityKind.values())
                    .filter(k -> k.words().contains(head))
                    .findFirst();
            if (kind.isPresent()) {
                return (EntityKind.PERSON == kind.get()
                                ? "who "
                                : "which " + kind.get().noun() + " ") + m.group(2) + "?";
            }
        }
        return (kinds.contains(EntityKind.PERSON) ? "who is " : "which is ") + reference + "?";
    }

    /** "payments-api's incident": the most recent thing of the kind asked for that the place relates to. */
    private Optional<Found> latestOf(
            TenantId tenant, String argument, String reference, List<Entity> places, Set<EntityKind> kinds) {
        Entity best = null;
        Relation via = null;
        Entity place = null;
        for (Entity p : places) {
            for (Relation r : graph.relations(tenant, p.id(), AsOf.NOW, Set.of())) {
                String other = r.from().equals(p.id()) ? r.to() : r.from();
                Entity e = graph.entity(tenant, other, AsOf.NOW).orElse(null);
                if (e == null || !fits(e, kinds)) {
                    continue;
                }
                if (best == null || e.lastSeen().isAfter(best.lastSeen())) {
                    best = e;
                    via = r;
                    place = p;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Found(
                best,
                List.of(new Resolution(
                        argument + " \"" + reference + "\" is " + best.name() + ", the latest " + kindNoun(best)
                                + " of " + place.name() + " (" + via.type().replace('_', ' ') + ")",
                        cite(via.citations())))));
    }

    /** A person, by any name they go by or by their relations ("the reviewer of ..."). */
    public Found person(TenantId tenant, String argument, String reference) {
        return item(tenant, argument, reference, Set.of(EntityKind.PERSON));
    }

    /**
     * The person's identity in {@code tool}: the entity itself when it is that tool's, else the one of
     * their identities that is (the same person by an identity link, an email or a shared name).
     */
    public Found identityIn(TenantId tenant, Found person, String tool) {
        Entity p = person.entity();
        if (tool.equals(toolOf(p))) {
            return person;
        }
        Map<String, Entity> candidates = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        names.add(p.name());
        if (p.aliases() != null) {
            p.aliases().forEach(a -> names.add(a.value()));
        }
        for (String name : names) {
            for (PeopleDirectory.Match m : people.link(tenant, name)) {
                for (Entity e : m.identities()) {
                    if (tool.equals(toolOf(e))) {
                        candidates.putIfAbsent(e.id(), e);
                    }
                }
            }
        }
        if (p.mergedIds() != null) {
            for (String id : p.mergedIds()) {
                graph.entity(tenant, id, AsOf.NOW)
                        .filter(e -> tool.equals(toolOf(e)))
                        .ifPresent(e -> candidates.putIfAbsent(e.id(), e));
            }
        }
        if (candidates.isEmpty() && p.aliases() != null) {
            // Identities merged into one person keep the other tools' member ids as aliases, of a kind
            // each tool names: the identity in the tool, with the event that said so.
            String aliasKind = tools.memberAliasKind(tool);
            Map<String, Entity.AliasEvidence> ids = new LinkedHashMap<>();
            p.aliases().stream()
                    .filter(a -> aliasKind.equals(a.kind())
                            && a.value() != null
                            && !a.value().isBlank())
                    .forEach(a -> ids.putIfAbsent(a.value(), a));
            if (ids.size() == 1) {
                Entity.AliasEvidence a = ids.values().iterator().next();
                String key = tools.personKey(tool, a.value());
                var cited = p.citations() == null
                        ? List.<Citation>of()
                        : p.citations().stream()
                                .filter(c -> c.eventId().equals(a.eventId()))
                                .toList();
                Entity identity = new Entity(
                        dev.lightfast.core.graph.EntityIds.of(EntityKind.PERSON.wire(), key),
                        EntityKind.PERSON.wire(),
                        key,
                        p.name(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        p.firstSeen(),
                        p.lastSeen(),
                        p.firstSeq(),
                        p.lastSeq(),
                        cited);
                var steps = new ArrayList<>(person.steps());
                steps.add(new Resolution(
                        p.name() + " is " + a.value() + " in " + title(tool) + " (" + a.evidence() + ")",
                        cited.isEmpty() ? cite(p.citations()) : cite(cited)));
                return new Found(identity, steps);
            }
            ids.values().forEach(a -> {
                String key = tools.personKey(tool, a.value());
                candidates.putIfAbsent(
                        key,
                        new Entity(
                                key,
                                EntityKind.PERSON.wire(),
                                key,
                                p.name() + " (" + a.value() + ")",
                                Map.of(),
                                List.of(),
                                List.of(),
                                null,
                                null,
                                0,
                                0,
                                List.of()));
            });
        }
        if (candidates.isEmpty()) {
            throw new InvalidInput(p.name() + " has no " + tool + " identity Lightfast knows of (looked for "
                    + String.join(", ", names) + " among " + tool
                    + " people); link one with POST /v1/identities");
        }
        if (candidates.size() > 1) {
            throw new InvalidInput(p.name() + " could be any of " + candidates.size() + " " + tool + " people: "
                    + candidates.values().stream()
                            .map(e -> e.name() + " (" + e.key() + ")")
                            .collect(Collectors.joining(", "))
                    + "; link the right one with POST /v1/identities");
        }
        Entity e = candidates.values().iterator().next();
        var steps = new ArrayList<>(person.steps());
        steps.add(new Resolution(
                p.name() + " is " + local(e) + " in " + title(tool) + " (the same person: " + e.name() + ")",
                cite(e.citations())));
        return new Found(e, steps);
    }

    /** Which tracker the team uses for a repository or service, counted from its recent issues. */
    public record Tracker(String tool, String target, Resolution because) {}

    public Tracker tracker(TenantId tenant, Entity place) {
        String placeTool = toolOf(place);
        var own = tools.find(placeTool).flatMap(a -> a.ownTracker(place));
        if (own.isPresent()) {
            // A tracker's team is its own tracker ("the payments team's tracker").
            String key = own.get();
            return new Tracker(
                    placeTool,
                    key,
                    new Resolution(
                            place.name() + " is " + title(placeTool) + " "
                                    + tools.find(placeTool).orElseThrow().trackerName(key)
                                    + ": the ticket goes to its tracker",
                            cite(place.citations())));
        }
        List<Entity> places = new ArrayList<>(List.of(place));
        if (!EntityKind.REPOSITORY.is(place.kind())) {
            graph.find(tenant, place.name(), EntityKind.REPOSITORY.wire(), 5).stream()
                    .filter(r ->
                            local(r).endsWith("/" + place.name()) || r.name().equals(place.name()))
                    .forEach(places::add);
        }
        Map<String, Entity> issues = new LinkedHashMap<>();
        Map<String, List<Citation>> why = new HashMap<>();
        for (Entity p : places) {
            for (Relation r : graph.relations(tenant, p.id(), AsOf.NOW, Set.of())) {
                String other = r.from().equals(p.id()) ? r.to() : r.from();
                Entity e = graph.entity(tenant, other, AsOf.NOW).orElse(null);
                if (e == null) {
                    continue;
                }
                if (EntityKind.ISSUE.is(e.kind())) {
                    issues.putIfAbsent(e.id(), e);
                    why.computeIfAbsent(e.id(), k -> new ArrayList<>()).addAll(r.citations());
                } else if (EntityKind.PULL_REQUEST.is(e.kind())) {
                    // Work tracked elsewhere reaches a repository through its pull requests.
                    for (Relation link : graph.relations(tenant, e.id(), AsOf.NOW, Set.of())) {
                        String o = link.from().equals(e.id()) ? link.to() : link.from();
                        graph.entity(tenant, o, AsOf.NOW)
                                .filter(i -> EntityKind.ISSUE.is(i.kind()))
                                .ifPresent(i -> {
                                    issues.putIfAbsent(i.id(), i);
                                    why.computeIfAbsent(i.id(), k -> new ArrayList<>())
                                            .addAll(link.citations());
                                });
                    }
                }
            }
        }
        List<Entity> recent = issues.values().stream()
                .sorted(Comparator.comparing(Entity::lastSeen).reversed().thenComparing(Entity::id))
                .limit(TRACKER_SAMPLE)
                .toList();
        Map<String, List<Entity>> byTarget = new LinkedHashMap<>();
        for (Entity i : recent) {
            byTarget.computeIfAbsent(trackerOf(i), k -> new ArrayList<>()).add(i);
        }
        var top = byTarget.entrySet().stream()
                .max(Comparator.<Map.Entry<String, List<Entity>>>comparingInt(
                                en -> en.getValue().size())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        if (top.isEmpty()) {
            // No issue yet: the repository's own tracker, when there is a repository.
            Entity repo = places.stream()
                    .filter(p -> EntityKind.REPOSITORY.is(p.kind()))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidInput("no issue of " + place.name() + " is known, nor a repository of that name:"
                                    + " say in \"about\" which repository the ticket is for"));
            String host = toolOf(repo);
            return new Tracker(
                    host,
                    local(repo),
                    new Resolution(
                            place.name() + " has no issues yet; the ticket goes to its " + title(host) + " repository "
                                    + local(repo),
                            cite(repo.citations())));
        }
        String target = top.get().getKey();
        List<Entity> chosen = top.get().getValue();
        String tool = target.substring(0, target.indexOf(':'));
        String where = target.substring(target.indexOf(':') + 1);
        List<Citation> cited = new ArrayList<>();
        chosen.forEach(i -> cited.addAll(why.getOrDefault(i.id(), List.of())));
        var trackerTool = tools.find(tool);
        String says = place.name() + " issues are tracked in " + title(tool) + " "
                + trackerTool.map(a -> a.trackerName(where)).orElse(where) + ": " + chosen.size() + " of its last "
                + recent.size() + " issues were "
                + trackerTool.map(ToolActions::trackedVerb).orElse("opened")
                + " there";
        return new Tracker(tool, where, new Resolution(says, cite(cited)));
    }

    /** The tool and the tracker in it an issue is in ({@code <tool>:<tracker>}), as the tool reads its key. */
    private String trackerOf(Entity issue) {
        String tool = toolOf(issue);
        String local = local(issue);
        return tool + ":" + tools.find(tool).flatMap(a -> a.trackerOf(issue)).orElse(local);
    }

    /**
     * The channel (of the tool messages go through) a service's incidents are talked about in: the
     * one whose messages mention its incidents most, counted from the graph.
     */
    public Found incidentChannel(TenantId tenant, Entity placeOrIncident) {
        ToolActions chat = tools.messaging();
        List<Entity> incidents = new ArrayList<>();
        if (EntityKind.INCIDENT.is(placeOrIncident.kind())) {
            incidents.add(placeOrIncident);
            // The incident's service: its other incidents count too.
            for (Relation r : graph.relations(tenant, placeOrIncident.id(), AsOf.NOW, Set.of())) {
                String other = r.from().equals(placeOrIncident.id()) ? r.to() : r.from();
                graph.entity(tenant, other, AsOf.NOW)
                        .filter(s -> EntityKind.SERVICE.is(s.kind()))
                        .ifPresent(s -> incidents.addAll(related(tenant, s, EntityKind.INCIDENT)));
            }
        } else {
            incidents.addAll(related(tenant, placeOrIncident, EntityKind.INCIDENT));
        }
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, List<Citation>> why = new HashMap<>();
        Set<String> seenIncidents = new LinkedHashSet<>();
        for (Entity i : incidents) {
            if (!seenIncidents.add(i.id())) {
                continue;
            }
            for (Relation r : graph.relations(tenant, i.id(), AsOf.NOW, Set.of())) {
                String other = r.from().equals(i.id()) ? r.to() : r.from();
                Entity e = graph.entity(tenant, other, AsOf.NOW).orElse(null);
                if (e == null || !chat.tool().equals(toolOf(e))) {
                    continue;
                }
                String channel = chat.channelOf(e).orElse(null);
                if (channel != null) {
                    count.merge(channel, 1, Integer::sum);
                    why.computeIfAbsent(channel, k -> new ArrayList<>()).addAll(r.citations());
                }
            }
        }
        var top = count.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
        if (top.isEmpty()) {
            // No incident talked about yet: a channel named for the service, or for incidents.
            var named = graph.find(tenant, placeOrIncident.name(), EntityKind.CHANNEL.wire(), 3);
            if (named.isEmpty()) {
                named = graph.find(tenant, "incident", EntityKind.CHANNEL.wire(), 3);
            }
            if (named.isEmpty()) {
                throw new InvalidInput("no " + chat.title() + " channel is known for " + placeOrIncident.name()
                        + "'s incidents (no message mentions one, and no channel is named for it or for incidents):"
                        + " name the channel, e.g. \"#incidents\"");
            }
            Entity c = named.getFirst();
            return new Found(
                    c,
                    List.of(new Resolution(
                            placeOrIncident.name() + "'s incidents go to " + c.name() + " (named for it)",
                            cite(c.citations()))));
        }
        String channelKey = chat.channelKey(top.get().getKey());
        Entity channel = graph.find(tenant, top.get().getKey(), EntityKind.CHANNEL.wire(), 5).stream()
                .filter(c -> c.key().equals(channelKey))
                .findFirst()
                .orElse(new Entity(
                        dev.lightfast.core.graph.EntityIds.of(EntityKind.CHANNEL.wire(), channelKey),
                        EntityKind.CHANNEL.wire(),
                        channelKey,
                        top.get().getKey(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        0,
                        0,
                        List.of()));
        return new Found(
                channel,
                List.of(new Resolution(
                        placeOrIncident.name() + "'s incidents go to " + channel.name() + ": "
                                + top.get().getValue() + " message(s) about its incidents were posted there",
                        cite(why.get(top.get().getKey())))));
    }

    private List<Entity> related(TenantId tenant, Entity from, EntityKind kind) {
        List<Entity> out = new ArrayList<>();
        for (Relation r : graph.relations(tenant, from.id(), AsOf.NOW, Set.of())) {
            String other = r.from().equals(from.id()) ? r.to() : r.from();
            graph.entity(tenant, other, AsOf.NOW).filter(e -> kind.is(e.kind())).ifPresent(out::add);
        }
        return out;
    }

    /** The tenant's connection to {@code tool} that acts: the one with a credential, the first if several. */
    public record Via(Connection connection, Resolution because) {}

    public Via connection(TenantId tenant, String tool, java.util.function.Predicate<String> hasCredential) {
        List<Connection> all = connections.list(tenant).stream()
                .filter(c -> c.provider().equals(tool))
                .sorted(Comparator.comparing(Connection::createdAt).thenComparing(Connection::id))
                .toList();
        if (all.isEmpty()) {
            throw new InvalidInput("the plan needs " + title(tool) + ", and this tenant has no " + tool
                    + " connection: connect it with POST /v1/connections and set its credentials with"
                    + " PUT /v1/connections/{id}/credentials");
        }
        List<Connection> acting =
                all.stream().filter(c -> hasCredential.test(c.id())).toList();
        Connection chosen = acting.isEmpty() ? all.getFirst() : acting.getFirst();
        String says = title(tool) + " through connection " + chosen.id()
                + (acting.isEmpty()
                        ? " (it has no credentials yet: set them before executing)"
                        : all.size() > 1 ? " (the first of " + all.size() + " with credentials)" : "");
        return new Via(chosen, new Resolution(says, List.of()));
    }

    String title(String tool) {
        return tools.title(tool);
    }

    private static boolean fits(Entity e, Set<EntityKind> kinds) {
        return kinds.stream().anyMatch(k -> k.is(e.kind()));
    }

    private static String kindNoun(Entity e) {
        return EntityKind.of(e.kind()).map(EntityKind::noun).orElse(e.kind());
    }

    private static String nouns(Set<EntityKind> kinds) {
        return kinds.stream().map(EntityKind::noun).sorted().collect(Collectors.joining(" or "));
    }

    private static InvalidInput ambiguous(String argument, String reference, java.util.Collection<Entity> candidates) {
        return new InvalidInput(argument + " \"" + reference + "\" could mean " + candidates.size() + " things: "
                + candidates.stream()
                        .limit(10)
                        .map(e -> e.name() + " (" + kindNoun(e) + ", " + e.key() + ")")
                        .collect(Collectors.joining("; "))
                + ". Name the one you mean by its key.");
    }

    static List<Citation> cite(List<Citation> citations) {
        if (citations == null) {
            return List.of();
        }
        Map<String, Citation> byId = new LinkedHashMap<>();
        for (Citation c : citations) {
            byId.putIfAbsent(c.eventId(), c);
        }
        return byId.values().stream().limit(CITED).toList();
    }
}
