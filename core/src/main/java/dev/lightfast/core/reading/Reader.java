package dev.lightfast.core.reading;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a question and links what it names to the tenant's graph: explicit keys to their entities,
 * names to people (every identity) and places, and a description to the things its best search hits
 * are about. Deterministic; the same graph and index give the same {@link Reading}.
 */
public final class Reader {
    /** Hits read to resolve a description: enough to re-rank, few enough to stay fast. */
    private static final int DESCRIPTION_HITS = 10;
    /** A described thing of a kind the question's relation is said of is preferred by this much. */
    private static final double FITS_KIND = 0.2;
    /** ... and one that has the relation in the graph by this much more. */
    private static final double HAS_RELATION = 0.3;
    /** Described things checked for the relation: the best few, to stay fast. */
    private static final int EDGE_CHECKS = 8;
    /** Described things read from the graph: an answer uses the best, "understood" shows three. */
    private static final int DESCRIBED = 3;

    private final GraphStore graph;
    private final Search search;
    private final EventLog log;
    private final PeopleDirectory people;

    public Reader(GraphStore graph, Search search, EventLog log) {
        this.graph = graph;
        this.search = search;
        this.log = log;
        this.people = new PeopleDirectory(graph);
    }

    public Reading read(TenantId tenant, String text, AsOf asOf, Instant now) {
        Question q = Question.parse(text, now);
        return link(tenant, q, asOf);
    }

    /** Links an already parsed question. */
    public Reading link(TenantId tenant, Question q, AsOf asOf) {
        List<Anchor> anchors = new ArrayList<>();
        for (Question.Reference ref : q.references()) {
            List<Entity> found = switch (ref.form()) {
                case SHA -> bySha(tenant, ref.value(), asOf);
                case NUMBER -> byNumber(tenant, ref, q, asOf);
                case KEY -> byKey(tenant, ref.value(), asOf);
                case VERSION -> byVersion(tenant, ref.value(), asOf);
            };
            if (!found.isEmpty()) {
                anchors.add(new Anchor(ref.text(), Anchor.Source.KEY, found, List.of()));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        List<PeopleDirectory.Match> named = new ArrayList<>(people.link(tenant, unquoted(q)));
        List<String> quoted = new ArrayList<>();
        for (String phrase : q.quoted()) {
            // A quoted name ("“JermaineHua”") is still a name: when the whole phrase is one.
            var whole = people.link(tenant, phrase).stream()
                    .filter(m -> m.mention().equals(Fold.phrase(phrase)))
                    .toList();
            if (whole.isEmpty()) {
                quoted.add(phrase);
            } else {
                named.addAll(whole);
            }
        }
        for (PeopleDirectory.Match m : named) {
            List<Entity> visible = m.identities().stream()
                    .filter(e -> visible(tenant, e, asOf))
                    .toList();
            if (!visible.isEmpty()) {
                anchors.add(new Anchor(m.mention(), Anchor.Source.PERSON, visible, List.of()));
                used.addAll(List.of(m.mention().split(" ")));
            }
        }
        for (String w : q.words()) {
            if (used.contains(w) || w.length() < 3) {
                continue;
            }
            List<Entity> places = places(tenant, w, asOf);
            if (!places.isEmpty()) {
                anchors.add(new Anchor(w, Anchor.Source.NAME, places, List.of()));
                used.add(w);
            }
        }
        String description = null;
        if (!quoted.isEmpty()) {
            description = String.join(" ", quoted);
        } else if (anchors.stream().noneMatch(a -> a.source() == Anchor.Source.KEY)) {
            List<String> rest =
                    q.words().stream().filter(w -> !used.contains(w)).toList();
            // A description is worth searching when it says something beyond the names already linked.
            if (!rest.isEmpty() && (anchors.isEmpty() || rest.size() >= 2 || q.type() != AnswerType.LIST)) {
                description = String.join(" ", rest);
            }
        }
        if (description != null && !description.isBlank()) {
            Anchor described = describe(tenant, description, asOf, q);
            if (described != null) {
                anchors.add(described);
            }
        }
        return new Reading(q, anchors, description);
    }

    private static String unquoted(Question q) {
        String t = q.text();
        for (String quoted : q.quoted()) {
            t = t.replace(quoted, " ");
        }
        return t;
    }

    private boolean visible(TenantId tenant, Entity e, AsOf asOf) {
        return asOf.isNow() || graph.entity(tenant, e.id(), asOf).isPresent();
    }

    // ---- explicit keys ---------------------------------------------------------------------------

    private List<Entity> bySha(TenantId tenant, String sha, AsOf asOf) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph.find(tenant, sha, EntityKind.COMMIT.wire(), 5)) {
            String id = e.key().substring(e.key().lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
            if (id.startsWith(sha) && visible(tenant, e, asOf)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code #57}, {@code PR #57}, {@code payments-api#301}: numbered things whose name ends with the
     * number, within the named scope, of the kind the words before it say when they say one.
     */
    private List<Entity> byNumber(TenantId tenant, Question.Reference ref, Question q, AsOf asOf) {
        String lower = ref.text().toLowerCase(Locale.ROOT);
        EntityKind wanted = null;
        if (lower.matches("(?s)(pr|pull request)\\b.*")) {
            wanted = EntityKind.PULL_REQUEST;
        } else if (lower.matches("(?s)(issue|bug|ticket)\\b.*")) {
            wanted = EntityKind.ISSUE;
        }
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph.find(tenant, "#" + ref.value(), null, 50)) {
            // "shop#41" names the thing; "review by ana on shop#41" only mentions it.
            if (EntityKind.isHub(e.kind())
                    || !e.name().endsWith("#" + ref.value())
                    || e.name().strip().contains(" ")) {
                continue;
            }
            if (ref.scope() != null
                    && !e.name().toLowerCase(Locale.ROOT).contains(ref.scope().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (wanted != null && !wanted.is(e.kind())) {
                continue;
            }
            if (visible(tenant, e, asOf)) {
                out.add(e);
            }
        }
        return out;
    }

    private List<Entity> byKey(TenantId tenant, String key, AsOf asOf) {
        String lower = key.toLowerCase(Locale.ROOT);
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph.find(tenant, key, null, 20)) {
            String name = e.name().toLowerCase(Locale.ROOT);
            String k = e.key().toLowerCase(Locale.ROOT);
            if ((name.equals(lower)
                            || name.endsWith(" " + lower)
                            || name.startsWith(lower + " ")
                            || k.endsWith(":" + lower)
                            || k.endsWith("/" + lower))
                    && visible(tenant, e, asOf)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code v2.12.0}: the releases, tags and other things whose key ends with the version (with or
     * without its {@code v}: {@code .../tag/v2.12.0}, {@code api@2.12.0}) or whose name starts with it.
     */
    private List<Entity> byVersion(TenantId tenant, String version, AsOf asOf) {
        String bare = version.startsWith("v") ? version.substring(1) : version;
        Pattern key = Pattern.compile("(?:^|[/:@])v?" + Pattern.quote(bare) + "$");
        Pattern name = Pattern.compile("^v?" + Pattern.quote(bare) + "(?:$|[\\s:(])");
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph.find(tenant, bare, null, 50)) {
            String k = e.key().toLowerCase(Locale.ROOT);
            String n = e.name().toLowerCase(Locale.ROOT);
            if ((key.matcher(k).find() || name.matcher(n).find()) && visible(tenant, e, asOf)) {
                out.add(e);
            }
        }
        // The release first: it is what a version names; its tag and branch are places.
        out.sort(java.util.Comparator.comparingInt(e -> EntityKind.RELEASE.is(e.kind()) ? 0 : 1));
        return out;
    }

    /** Repositories, services, projects, channels whose name is the word. */
    private List<Entity> places(TenantId tenant, String word, AsOf asOf) {
        List<Entity> out = new ArrayList<>();
        for (Entity e : graph.find(tenant, word, null, 8)) {
            if (!EntityKind.isHub(e.kind()) || EntityKind.PERSON.is(e.kind())) {
                continue;
            }
            String name = Fold.phrase(e.name());
            String key = e.key().toLowerCase(Locale.ROOT);
            if ((name.equals(word) || name.endsWith("/" + word) || key.endsWith(":" + word) || key.endsWith("/" + word))
                    && visible(tenant, e, asOf)) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- descriptions ----------------------------------------------------------------------------

    /**
     * The things a description is about: search for it (within the reading point), re-rank the hits
     * by how much of the description their title says, and take the specific things each is about.
     */
    private Anchor describe(TenantId tenant, String description, AsOf asOf, Question q) {
        String text = description.length() > SearchQuery.MAX_TEXT
                ? description.substring(0, SearchQuery.MAX_TEXT)
                : description;
        Instant to = asOf.time() == null ? null : asOf.time().plusMillis(1);
        // Quoted words are meant word for word: matching the words is enough, and half the cost.
        boolean literal = !q.quoted().isEmpty() && description.equals(String.join(" ", q.quoted()));
        List<SearchHit> hits = search.search(
                tenant,
                new SearchQuery(
                        text,
                        DESCRIPTION_HITS,
                        literal ? SearchMode.KEYWORD : SearchMode.HYBRID,
                        null,
                        null,
                        null,
                        null,
                        null,
                        to,
                        asOf.seq()));
        if (hits.isEmpty() && literal) {
            hits = search.search(
                    tenant,
                    new SearchQuery(
                            text, DESCRIPTION_HITS, SearchMode.HYBRID, null, null, null, null, null, to, asOf.seq()));
        }
        if (hits.isEmpty()) {
            return null;
        }
        Set<String> wanted = new LinkedHashSet<>(Fold.words(description));
        record Ranked(SearchHit hit, double score) {}
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            List<String> title = Fold.words(h.title());
            long said = wanted.stream().filter(title::contains).count();
            double coverage = wanted.isEmpty() ? 0 : (double) said / wanted.size();
            double precision = title.isEmpty() ? 0 : (double) said / title.size();
            ranked.add(new Ranked(h, 0.5 * coverage + 0.2 * precision + 0.3 / (1 + i)));
        }
        ranked.sort((a, b) -> Double.compare(b.score, a.score));
        // What the question does with the thing says what kind of thing it is: "who fixed X" is said
        // of an issue or incident (or what fixed it), "which deployment shipped X" of a change.
        Set<EntityKind> fitting = new LinkedHashSet<>();
        Set<String> effects = new LinkedHashSet<>();
        for (RelationType cue : q.cues()) {
            fitting.addAll(cue.kinds());
            if (cue.role() == RelationType.Role.EFFECT) {
                effects.add(cue.wire());
            }
        }
        if (q.kind() != null && effects.isEmpty()) {
            fitting.add(q.kind());
        }
        // The things the best hits are about, scored from their references alone; only the best few
        // are read from the graph.
        Map<String, EntityRef> candidates = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        List<Citation> because = new ArrayList<>();
        for (Ranked r : ranked.subList(0, Math.min(ranked.size(), 5))) {
            Event e = log.find(tenant, r.hit.eventId()).orElse(null);
            if (e == null) {
                continue;
            }
            because.add(Citation.of(e));
            for (EntityRef s : e.subjects()) {
                String id = EntityIds.of(s);
                if (EntityKind.isHub(s.kind()) || candidates.containsKey(id)) {
                    continue;
                }
                candidates.put(id, s);
                double score = r.score;
                if (EntityKind.of(s.kind()).map(fitting::contains).orElse(false)) {
                    score += FITS_KIND;
                }
                scores.put(id, score);
            }
        }
        // A thing that already has the relation asked about ("fixes", "deployed") is what is meant.
        if (!effects.isEmpty()) {
            int checked = 0;
            for (String id : candidates.keySet()) {
                if (checked++ >= EDGE_CHECKS) {
                    break;
                }
                if (!graph.relations(tenant, id, asOf, effects).isEmpty()) {
                    scores.merge(id, HAS_RELATION, Double::sum);
                }
            }
        }
        List<String> ordered = new ArrayList<>(candidates.keySet());
        ordered.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
        List<Entity> things = new ArrayList<>();
        for (String id : ordered) {
            if (things.size() >= DESCRIBED) {
                break;
            }
            graph.entity(tenant, id, asOf).ifPresent(things::add);
        }
        if (things.isEmpty()) {
            return null;
        }
        return new Anchor(description, Anchor.Source.DESCRIPTION, things, because);
    }
}
