package dev.lightfast.core.answer;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan found: the values asked for, the path to them, the entities involved, the events
 * that establish it (scored, each with why), and sentences for what the values alone do not say.
 * Anything learned after the reading point is left out as it is added. The {@link Planner} fills
 * it, the {@link Writer} states it; the rest of the world only reads it.
 */
public final class Findings {
    final Reading reading;
    final AsOf asOf;
    final Map<String, Answer.Value> values = new LinkedHashMap<>();
    final Map<String, Answer.Step> path = new LinkedHashMap<>();
    final Map<String, Answer.Involved> involved = new LinkedHashMap<>();
    final Map<String, Scored> evidence = new LinkedHashMap<>();
    final List<Answer.Sentence> sentences = new ArrayList<>();
    /** When nothing fits: what the graph lacks, said in the summary. */
    String missing;
    /** What the values are, in words, when they are counted: "pull requests merged by Priya Raman". */
    String counted;
    /** The causal chain, for a "why" question answered by the why-chain. */
    dev.lightfast.core.why.Chain why;

    Findings(Reading reading, AsOf asOf) {
        this.reading = reading;
        this.asOf = asOf;
    }

    /** The values asked for, in the order found. */
    public List<Answer.Value> values() {
        return List.copyOf(values.values());
    }

    /** The links that led to them, asserted or inferred. */
    public List<Answer.Step> path() {
        return List.copyOf(path.values());
    }

    /** What the plan says beyond the values (a count's sentence, what happened to a thing). */
    public List<Answer.Sentence> sentences() {
        return List.copyOf(sentences);
    }

    /** When nothing fits, what the graph lacks. */
    public java.util.Optional<String> missing() {
        return java.util.Optional.ofNullable(missing);
    }

    /** The cited events, strongest first, each with why it was chosen. */
    public List<String> evidence() {
        return evidence.values().stream()
                .sorted((a, b) -> Double.compare(b.score, a.score))
                .map(s -> s.citation.eventId() + ": " + s.why)
                .toList();
    }

    static Answer.Ref ref(Entity e) {
        return new Answer.Ref(e.id(), e.kind(), label(e));
    }

    /**
     * How an answer names an entity: a person by the name they go by rather than an account login,
     * when a tool told us their name; anything else by its own name.
     */
    static String label(Entity e) {
        if (e.aliases() != null && dev.lightfast.core.graph.EntityKind.PERSON.is(e.kind())) {
            for (Entity.AliasEvidence a : e.aliases()) {
                if (a.kind().equals(dev.lightfast.core.graph.Alias.NAME)) {
                    return a.value();
                }
            }
        }
        return e.name();
    }

    boolean visible(Citation c) {
        return (asOf.seq() == null || c.seq() <= asOf.seq())
                && (asOf.time() == null || !c.occurredAt().isAfter(asOf.time()));
    }

    List<Citation> visible(List<Citation> citations) {
        return citations.stream().filter(this::visible).toList();
    }

    void value(Entity e, List<Citation> citations, Instant at) {
        List<Citation> cited = visible(citations);
        if (cited.isEmpty()) {
            return;
        }
        Object title = e.attributes().get("title");
        values.merge(
                e.id(),
                new Answer.Value(e.kind(), e.id(), label(e), title == null ? null : title.toString(), at, null, cited),
                (a, b) -> {
                    var all = new ArrayList<>(a.citations());
                    b.citations().stream()
                            .filter(c -> all.stream().noneMatch(x -> x.eventId().equals(c.eventId())))
                            .forEach(all::add);
                    return new Answer.Value(a.kind(), a.id(), a.label(), a.title(), a.at(), a.local(), all);
                });
    }

    void time(Instant at, String local, List<Citation> citations) {
        List<Citation> cited = visible(citations);
        if (!cited.isEmpty()) {
            values.putIfAbsent(
                    "time:" + at,
                    new Answer.Value("time", null, local != null ? local : at.toString(), null, at, local, cited));
        }
    }

    void event(Citation c, String title) {
        if (visible(c)) {
            values.putIfAbsent(
                    c.eventId(),
                    new Answer.Value("event", c.eventId(), c.type(), title, c.occurredAt(), null, List.of(c)));
        }
    }

    void step(GraphPaths.Link link) {
        List<Citation> cited = visible(link.relation().citations());
        if (cited.isEmpty()) {
            return;
        }
        String key = link.from().id() + "|" + link.relation().type() + "|"
                + link.to().id();
        path.putIfAbsent(
                key, Answer.Step.asserted(ref(link.from()), link.relation().type(), ref(link.to()), cited));
    }

    /** A link as a walk over several relations found it, asserted or inferred. */
    void step(Answer.Step s) {
        List<Citation> cited = visible(s.citations());
        if (cited.isEmpty()) {
            return;
        }
        String key = s.from().id() + "|" + s.relation() + "|" + s.to().id();
        path.putIfAbsent(
                key, new Answer.Step(s.from(), s.relation(), s.to(), cited, s.basis(), s.confidence(), s.rationale()));
    }

    void involve(Entity e, String role) {
        involved.putIfAbsent(e.id(), new Answer.Involved(e.id(), e.kind(), e.name(), role));
    }

    void cite(List<Citation> citations, double score, String why) {
        for (Citation c : citations) {
            cite(c, score, why);
        }
    }

    void cite(Citation c, double score, String why) {
        if (!visible(c)) {
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

    /** An event with its score and the reason it was chosen. */
    static final class Scored {
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
