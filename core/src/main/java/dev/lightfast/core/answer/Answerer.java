package dev.lightfast.core.answer;

import dev.lightfast.core.answer.Question.Intent;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
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
import java.util.Optional;
import java.util.Set;

/**
 * Answers a question from the log, the graph and the index, extractively: retrieve by meaning and
 * words, resolve what the question names (a SHA, #12, a person, a repository), walk the graph along
 * the relation the question asks about (reviewed, fixes, deployed, authored, caused…), and rank the
 * events that establish the answer. The summary is assembled only from cited events' fields.
 */
public final class Answerer {
    public static final int MAX_EVIDENCE = 20;
    private static final int HITS = 20;
    /** Evidence found by following the asked-for relation outranks evidence that only matched words. */
    private static final double GRAPH = 10;

    private static final double SUPPORT = 5;

    private final Search search;
    private final GraphStore graph;
    private final EventLog log;
    private final ProseWriter prose;

    public Answerer(Search search, GraphStore graph, EventLog log) {
        this(search, graph, log, null);
    }

    /** With a prose writer (a language model), whose cited sentences replace the extractive summary. */
    public Answerer(Search search, GraphStore graph, EventLog log, ProseWriter prose) {
        this.search = search;
        this.graph = graph;
        this.log = log;
        this.prose = prose;
    }

    public Answer answer(TenantId tenant, String text, AsOf asOf, int limit) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "question is required: ask in plain words, e.g. " + "\"who reviewed the PR that fixed #12?\"");
        }
        if (text.length() > SearchQuery.MAX_TEXT) {
            throw new IllegalArgumentException("question is longer than " + SearchQuery.MAX_TEXT + " characters");
        }
        if (limit < 1 || limit > MAX_EVIDENCE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_EVIDENCE);
        }
        var run = new Run(tenant, Question.parse(text, present(tenant, asOf)), asOf);
        run.answer();
        return run.result(limit);
    }

    /** The latest time in the log as of the reading point: "last week" means the week before it. */
    private Instant present(TenantId tenant, AsOf asOf) {
        long last = asOf.seq() != null ? Math.min(asOf.seq(), log.lastSeq(tenant)) : log.lastSeq(tenant);
        var page = log.read(tenant, EventQuery.all(50).after(Math.max(0, last - 50)));
        Instant latest = null;
        for (Event e : page.events()) {
            if (e.seq() <= last && (latest == null || e.occurredAt().isAfter(latest))) {
                latest = e.occurredAt();
            }
        }
        if (asOf.time() != null && (latest == null || latest.isAfter(asOf.time()))) {
            latest = asOf.time();
        }
        return latest == null ? Instant.now() : latest;
    }

    /** One answer being worked out: the evidence gathered so far and the sentences that state it. */
    private final class Run {
        final TenantId tenant;
        final Question q;
        final AsOf asOf;
        final Map<String, Scored> evidence = new LinkedHashMap<>();
        final Map<String, Answer.Involved> involved = new LinkedHashMap<>();
        final List<Answer.Sentence> sentences = new ArrayList<>();
        List<SearchHit> hits = List.of();

        Run(TenantId tenant, Question q, AsOf asOf) {
            this.tenant = tenant;
            this.q = q;
            this.asOf = asOf;
        }

        void answer() {
            hits = search.search(
                    tenant,
                    new SearchQuery(q.text(), HITS, SearchMode.HYBRID, null, null, null, null, null, null, asOf.seq()));
            List<Entity> commits = commits();
            List<Entity> numbered = numbered();
            List<Entity> named = named();
            if (q.asks(Intent.REVIEW)) {
                reviews(numbered, named);
            }
            if (q.asks(Intent.DEPLOY) && !commits.isEmpty()) {
                deploymentsOf(commits);
            }
            if (q.asks(Intent.WORKING_ON)) {
                workOf(named);
            }
            if (q.asks(Intent.CHANGES) && !q.asks(Intent.CAUSE)) {
                changesIn(named);
            }
            if (q.asks(Intent.CAUSE)) {
                causes();
            }
            if (q.asks(Intent.FIX) && !q.asks(Intent.REVIEW)) {
                fixesOf(numbered);
            }
            for (int i = 0; i < hits.size(); i++) {
                SearchHit h = hits.get(i);
                add(
                        h.citations().getFirst(),
                        h.score(),
                        "matches the question's words and meaning (search rank " + (i + 1) + ")");
            }
            if (sentences.isEmpty() && !hits.isEmpty()) {
                SearchHit top = hits.getFirst();
                sentences.add(new Answer.Sentence(
                        "The closest match: " + top.title() + " (" + day(top.occurredAt()) + ").",
                        List.of(top.eventId())));
            }
        }

        // ---- what the question names ---------------------------------------------------------

        List<Entity> commits() {
            List<Entity> out = new ArrayList<>();
            for (String sha : q.shas()) {
                for (Entity e : graph.find(tenant, sha, "commit", 3)) {
                    if (e.key().startsWith("git:" + sha) && visible(e)) {
                        out.add(e);
                        involve(e, "the commit asked about");
                    }
                }
            }
            return out;
        }

        List<Entity> numbered() {
            List<Entity> out = new ArrayList<>();
            for (Long n : q.numbers()) {
                for (Entity e : graph.find(tenant, "#" + n, null, 20)) {
                    if ((e.kind().equals("issue") || e.kind().equals("pull_request"))
                            && e.name().endsWith("#" + n)
                            && visible(e)) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        /**
         * People, repositories and other named things whose name is a word of the question. A person
         * also answers to a word of a display name they go by ("Priya" for priyaraman): names never
         * join people, but they do tell us whom a question means.
         */
        List<Entity> named() {
            List<Entity> out = new ArrayList<>();
            for (String w : q.words()) {
                for (Entity e : graph.find(tenant, w, null, 8)) {
                    String name = e.name().toLowerCase(Locale.ROOT);
                    boolean exact = name.equals(w)
                            || name.endsWith("/" + w)
                            || e.key().toLowerCase(Locale.ROOT).endsWith(":" + w);
                    boolean aliased = e.aliases() != null
                            && e.aliases().stream()
                                    .anyMatch(a ->
                                            a.value().toLowerCase(Locale.ROOT).equals(w));
                    boolean calledSo = e.kind().equals("person")
                            && (List.of(name.split("\\s+")).contains(w)
                                    || e.aliases() != null
                                            && e.aliases().stream()
                                                    .anyMatch(a -> a.kind().equals("name")
                                                            && List.of(a.value()
                                                                            .toLowerCase(Locale.ROOT)
                                                                            .split("\\s+"))
                                                                    .contains(w)));
                    if ((exact || aliased || calledSo)
                            && visible(e)
                            && out.stream().noneMatch(o -> o.id().equals(e.id()))) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        boolean visible(Entity e) {
            return asOf.isNow() || graph.entity(tenant, e.id(), asOf).isPresent();
        }

        // ---- strategies: follow the relation the question asks about -------------------------

        /** "Who reviewed the PR that fixed X?": the PRs that fix X, then their reviews. */
        void reviews(List<Entity> numbered, List<Entity> named) {
            Set<String> prs = new LinkedHashSet<>();
            List<Entity> issues = new ArrayList<>(
                    numbered.stream().filter(e -> e.kind().equals("issue")).toList());
            if (issues.isEmpty() && q.asks(Intent.FIX)) {
                issues.addAll(entitiesOfHits("issue", 3));
            }
            for (Entity issue : issues) {
                involve(issue, "the issue asked about");
                for (Relation r : graph.relations(tenant, issue.id(), asOf, Set.of("fixes", "references"))) {
                    if (!r.to().equals(issue.id())) {
                        continue;
                    }
                    entity(r.from())
                            .filter(e -> e.kind().equals("pull_request"))
                            .ifPresent(pr -> {
                                prs.add(pr.id());
                                involve(pr, "fixes " + issue.name());
                                citeAll(
                                        r.citations(),
                                        SUPPORT + (r.type().equals("fixes") ? 1 : 0),
                                        pr.name() + " " + r.type() + " " + issue.name());
                            });
                }
            }
            numbered.stream().filter(e -> e.kind().equals("pull_request")).forEach(pr -> prs.add(pr.id()));
            if (prs.isEmpty()) {
                entitiesOfHits("pull_request", 2).forEach(pr -> prs.add(pr.id()));
            }
            for (String prId : prs) {
                Entity pr = entity(prId).orElse(null);
                if (pr == null) {
                    continue;
                }
                involve(pr, "the pull request");
                List<String> reviewers = new ArrayList<>();
                List<String> cited = new ArrayList<>();
                for (Relation r : graph.relations(tenant, prId, asOf, Set.of("reviewed"))) {
                    Entity reviewer = entity(r.from()).orElse(null);
                    if (reviewer == null || !r.to().equals(prId)) {
                        continue;
                    }
                    involve(reviewer, "reviewer of " + pr.name());
                    reviewers.add(reviewer.name());
                    citeAll(r.citations(), GRAPH, reviewer.name() + " reviewed " + pr.name());
                    r.citations().forEach(c -> cited.add(c.eventId()));
                }
                if (!reviewers.isEmpty()) {
                    sentences.add(new Answer.Sentence(
                            pr.name() + title(pr) + " was reviewed by " + String.join(", ", reviewers) + ".", cited));
                }
            }
        }

        /** "Which deploy shipped commit X?": deployments of X, or of the PRs that contain it. */
        void deploymentsOf(List<Entity> commits) {
            for (Entity commit : commits) {
                List<String> deployments = new ArrayList<>();
                List<String> cited = new ArrayList<>();
                Set<String> targets = new LinkedHashSet<>(List.of(commit.id()));
                // A commit inside a merged PR ships with the PR's merge commit.
                for (Relation r : graph.relations(tenant, commit.id(), asOf, Set.of("contains"))) {
                    entity(r.from())
                            .filter(e -> e.kind().equals("pull_request"))
                            .ifPresent(pr -> {
                                for (Relation m : graph.relations(tenant, pr.id(), asOf, Set.of("contains"))) {
                                    if (m.from().equals(pr.id())) {
                                        targets.add(m.to());
                                    }
                                }
                            });
                }
                for (String target : targets) {
                    for (Relation r : graph.relations(tenant, target, asOf, Set.of("deployed"))) {
                        if (!r.to().equals(target)) {
                            continue;
                        }
                        Entity deployment = entity(r.from()).orElse(null);
                        if (deployment == null || deployment.kind().equals("person")) {
                            continue;
                        }
                        involve(deployment, "deployed " + commit.name());
                        deployments.add(deployment.name() + environment(deployment));
                        double score = GRAPH + (target.equals(commit.id()) ? 1 : 0);
                        citeAll(r.citations(), score, deployment.name() + " deployed " + commit.name());
                        r.citations().forEach(c -> cited.add(c.eventId()));
                        for (Citation c : graph.timeline(tenant, deployment.id(), asOf, 0, 20)) {
                            add(c, SUPPORT, "status of " + deployment.name());
                        }
                    }
                }
                if (!deployments.isEmpty()) {
                    sentences.add(new Answer.Sentence(
                            "Commit " + commit.name() + " was shipped by " + String.join(", ", deployments) + ".",
                            cited));
                }
            }
        }

        /** "What is X working on?": X's recent pull requests, commits, reviews and assignments. */
        void workOf(List<Entity> named) {
            Instant from = q.from() != null ? q.from() : q.now().minusSeconds(14 * 86_400L);
            for (Entity person :
                    named.stream().filter(e -> e.kind().equals("person")).toList()) {
                involve(person, "the person asked about");
                List<String> things = new ArrayList<>();
                List<String> cited = new ArrayList<>();
                for (Relation r : graph.relations(
                        tenant,
                        person.id(),
                        asOf,
                        Set.of("authored", "opened", "assigned_to", "reviewed", "committed", "merged", "mentions"))) {
                    Instant last = r.citations().isEmpty()
                            ? r.validFrom()
                            : r.citations().getLast().occurredAt();
                    if (last.isBefore(from)) {
                        continue;
                    }
                    String other = r.from().equals(person.id()) ? r.to() : r.from();
                    Entity thing = entity(other).orElse(null);
                    if (thing == null || thing.kind().equals("review")) {
                        continue;
                    }
                    // Recent first; open pull requests and assigned issues matter most.
                    double recency =
                            1 - Math.min(1, (q.now().getEpochSecond() - last.getEpochSecond()) / (14 * 86_400.0));
                    double weight =
                            GRAPH + recency + ("open".equals(thing.attributes().get("state")) ? 1 : 0);
                    citeAll(
                            r.citations(),
                            weight,
                            person.name() + " " + r.type().replace('_', ' ') + " " + thing.name());
                    String described = thing.name() + title(thing);
                    if (things.size() < 5 && !thing.kind().equals("commit") && !things.contains(described)) {
                        things.add(described);
                        involve(thing, r.type().replace('_', ' ') + " by " + person.name());
                    }
                    r.citations().stream().map(Citation::eventId).forEach(cited::add);
                }
                if (!things.isEmpty()) {
                    sentences.add(new Answer.Sentence(
                            person.name() + " has recently been working on " + String.join("; ", things) + ".",
                            cited.subList(0, Math.min(cited.size(), 10))));
                }
            }
        }

        /** "What changed in X last week?": X's merges, releases, deploys and commits in the window. */
        void changesIn(List<Entity> named) {
            Instant from = q.from() != null ? q.from() : q.now().minusSeconds(7 * 86_400L);
            Instant to = q.to() != null ? q.to() : q.now().plusSeconds(1);
            for (Entity repo : named.stream()
                    .filter(e -> e.kind().equals("repository")
                            || e.kind().equals("project")
                            || e.kind().equals("service"))
                    .toList()) {
                involve(repo, "where the changes are");
                List<String> cited = new ArrayList<>();
                int merged = 0;
                int commits = 0;
                int releases = 0;
                long after = 0;
                while (true) {
                    var page = graph.timeline(tenant, repo.id(), asOf, after, 1_000);
                    for (Citation c : page) {
                        if (c.occurredAt().isBefore(from) || !c.occurredAt().isBefore(to)) {
                            continue;
                        }
                        double weight = changeWeight(c.type());
                        if (weight > 0) {
                            add(c, GRAPH + weight, "a change in " + repo.name() + " in the window");
                            if (c.type().endsWith("pull_request.merged")) {
                                merged++;
                                cited.add(c.eventId());
                            } else if (c.type().endsWith("commit.pushed")) {
                                commits++;
                            } else if (c.type().contains("release")) {
                                releases++;
                                cited.add(c.eventId());
                            }
                        }
                    }
                    if (page.size() < 1_000) {
                        break;
                    }
                    after = page.getLast().seq();
                }
                if (merged + commits + releases > 0) {
                    sentences.add(new Answer.Sentence(
                            "Between " + day(from) + " and " + day(to) + ", " + repo.name() + " had "
                                    + merged + " merged pull request(s), " + commits + " pushed commit(s) and "
                                    + releases
                                    + " release event(s).",
                            cited.subList(0, Math.min(cited.size(), 10))));
                }
            }
        }

        /** Merges and releases say what changed; commits and deploys less so; chatter not at all. */
        double changeWeight(String type) {
            if (type.endsWith("pull_request.merged")) {
                return 3;
            }
            if (type.contains(".release.")) {
                return 2.5;
            }
            if (type.endsWith("commit.pushed")) {
                return 2;
            }
            if (type.contains("deployment") || type.endsWith("issue.closed") || type.endsWith("pull_request.opened")) {
                return 1;
            }
            return 0;
        }

        /** "What caused the incident?": walk back from the incident through releases, deploys and commits. */
        void causes() {
            List<Entity> incidents = new ArrayList<>();
            if (q.from() != null) {
                // "the incident after Tuesday's deploy": the first incidents to appear in that window.
                graph.find(tenant, "", "incident", 50).stream()
                        .filter(e -> !e.firstSeen().isBefore(q.from())
                                && (q.to() == null || e.firstSeen().isBefore(q.to())))
                        .sorted(java.util.Comparator.comparing(Entity::firstSeen))
                        .limit(2)
                        .forEach(incidents::add);
            }
            if (incidents.isEmpty()) {
                incidents.addAll(entitiesOfHits("incident", 2));
            }
            for (Entity incident : incidents) {
                involve(incident, "the incident");
                for (Citation c : graph.timeline(tenant, incident.id(), asOf, 0, 10)) {
                    add(c, GRAPH + 1, "the incident itself");
                }
                var seen = new LinkedHashSet<String>(List.of(incident.id()));
                var frontier = new ArrayList<>(List.of(incident.id()));
                List<String> chain = new ArrayList<>();
                List<String> cited = new ArrayList<>();
                for (int depth = 1; depth <= 4 && !frontier.isEmpty(); depth++) {
                    var next = new ArrayList<String>();
                    for (String id : frontier) {
                        for (Relation r : graph.relations(tenant, id, asOf, Set.of())) {
                            String other = r.from().equals(id) ? r.to() : r.from();
                            if (seen.contains(other)) {
                                continue;
                            }
                            Entity e = entity(other).orElse(null);
                            if (e == null || !causal(e.kind())) {
                                continue;
                            }
                            seen.add(other);
                            next.add(other);
                            involve(
                                    e,
                                    r.type().replace('_', ' ') + " (" + depth + " step" + (depth > 1 ? "s" : "")
                                            + " from the incident)");
                            citeAll(
                                    r.citations(),
                                    GRAPH - depth,
                                    e.name() + " " + r.type().replace('_', ' ') + " — " + depth + " step(s) from "
                                            + incident.name());
                            if (chain.size() < 8) {
                                chain.add(e.kind().replace('_', ' ') + " " + e.name());
                            }
                            r.citations().stream()
                                    .map(Citation::eventId)
                                    .limit(2)
                                    .forEach(cited::add);
                        }
                    }
                    frontier = next;
                }
                if (!chain.isEmpty()) {
                    sentences.add(new Answer.Sentence(
                            incident.name() + " connects to " + String.join(", ", chain) + ".",
                            cited.subList(0, Math.min(cited.size(), 12))));
                }
            }
        }

        /** The kinds on a causal path; people, repositories and environments connect everything. */
        boolean causal(String kind) {
            return switch (kind) {
                case "person",
                        "repository",
                        "environment",
                        "organization",
                        "team",
                        "channel",
                        "tag",
                        "branch",
                        "project",
                        "service",
                        "cycle",
                        "label",
                        "milestone" -> false;
                default -> true;
            };
        }

        /** "Which PR fixed #12?": the pull requests and commits that fix or reference the issue. */
        void fixesOf(List<Entity> numbered) {
            for (Entity issue :
                    numbered.stream().filter(e -> e.kind().equals("issue")).toList()) {
                involve(issue, "the issue asked about");
                for (Relation r : graph.relations(tenant, issue.id(), asOf, Set.of("fixes", "references"))) {
                    if (r.to().equals(issue.id())) {
                        entity(r.from()).ifPresent(fixer -> {
                            involve(fixer, r.type() + " " + issue.name());
                            citeAll(
                                    r.citations(),
                                    GRAPH + (r.type().equals("fixes") ? 1 : 0),
                                    fixer.name() + " " + r.type() + " " + issue.name());
                            sentences.add(new Answer.Sentence(
                                    fixer.name() + title(fixer) + " " + r.type() + " " + issue.name() + ".",
                                    r.citations().stream()
                                            .map(Citation::eventId)
                                            .toList()));
                        });
                    }
                }
            }
        }

        // ---- evidence ------------------------------------------------------------------------

        List<Entity> entitiesOfHits(String kind, int max) {
            List<Entity> out = new ArrayList<>();
            for (SearchHit h : hits) {
                for (String key : h.subjects()) {
                    if (out.size() >= max) {
                        return out;
                    }
                    graph.entity(tenant, dev.lightfast.core.graph.EntityIds.of(kind, key), asOf)
                            .filter(e -> out.stream().noneMatch(o -> o.id().equals(e.id())))
                            .ifPresent(out::add);
                }
            }
            return out;
        }

        Optional<Entity> entity(String id) {
            return graph.entity(tenant, id, asOf);
        }

        void involve(Entity e, String role) {
            involved.putIfAbsent(e.id(), new Answer.Involved(e.id(), e.kind(), e.name(), role));
        }

        void citeAll(List<Citation> citations, double score, String why) {
            for (Citation c : citations) {
                add(c, score, why);
            }
        }

        void add(Citation c, double score, String why) {
            if (asOf.seq() != null && c.seq() > asOf.seq()) {
                return;
            }
            var existing = evidence.get(c.eventId());
            if (existing == null) {
                evidence.put(c.eventId(), new Scored(c, score, why));
            } else if (score > existing.score) {
                // The strongest reason leads; a second reason adds a little.
                evidence.put(c.eventId(), new Scored(c, score + existing.score * 0.1, why));
            } else {
                existing.score += score * 0.1;
            }
        }

        Answer result(int limit) {
            var ranked = new ArrayList<>(evidence.values());
            ranked.sort((a, b) -> {
                int s = Double.compare(b.score, a.score);
                return s != 0 ? s : Long.compare(b.citation.seq(), a.citation.seq());
            });
            List<Answer.Evidence> out = new ArrayList<>();
            for (Scored s : ranked) {
                if (out.size() >= limit) {
                    break;
                }
                Event e = log.find(tenant, s.citation.eventId()).orElse(null);
                if (e == null) {
                    continue;
                }
                out.add(new Answer.Evidence(
                        out.size() + 1,
                        Math.round(s.score * 1000) / 1000.0,
                        s.why,
                        e.id(),
                        e.type(),
                        e.title(),
                        e.occurredAt(),
                        e.url(),
                        Citation.of(e)));
            }
            if (sentences.isEmpty() && out.isEmpty()) {
                sentences.add(new Answer.Sentence("Nothing in the log answers this yet.", List.of()));
            }
            if (prose != null && !out.isEmpty()) {
                var written = prose.write(q.text(), out)
                        .map(text -> CitedProse.check(text, out))
                        .orElse(List.of());
                if (!written.isEmpty()) {
                    return new Answer(
                            q.text(), written, out, List.copyOf(involved.values()), q.now(), asOf.seq(), "model");
                }
            }
            return new Answer(
                    q.text(),
                    List.copyOf(sentences),
                    out,
                    List.copyOf(involved.values()),
                    q.now(),
                    asOf.seq(),
                    "extractive");
        }

        String title(Entity e) {
            Object t = e.attributes().get("title");
            return t == null ? "" : " (\"" + t + "\")";
        }

        String environment(Entity deployment) {
            Object env = deployment.attributes().get("environment");
            return env == null ? "" : " to " + env;
        }

        String day(Instant t) {
            return t.toString().substring(0, 10);
        }
    }

    private static final class Scored {
        final Citation citation;
        double score;
        final String why;

        Scored(Citation citation, double score, String why) {
            this.citation = citation;
            this.score = score;
            this.why = why;
        }
    }
}
