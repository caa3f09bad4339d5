package dev.lightfast.core.answer;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.reading.Anchor;
import dev.lightfast.core.reading.AnswerType;
import dev.lightfast.core.reading.Reading;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the {@link Answer} from what the plan found: the typed values and path as found, the
 * evidence ranked (with each event's actor and subjects), and a summary assembled only from cited
 * fields; or, with a {@link ProseWriter}, prose whose every sentence is checked against the evidence.
 */
public final class Writer {
    /** Values named in one sentence of the summary; the answer lists them all. */
    private static final int NAMED = 8;

    private final EventLog log;
    private final ProseWriter prose;

    public Writer(EventLog log, ProseWriter prose) {
        this.log = log;
        this.prose = prose;
    }

    /** The answer from what the plan found and the search's hits, at most {@code limit} evidence items. */
    public Answer write(TenantId tenant, Findings f, List<SearchHit> hits, int limit, Instant now) {
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            f.cite(
                    h.citations().getFirst(),
                    h.score(),
                    "matches the question's words and meaning (search rank " + (i + 1) + ")");
        }
        List<Answer.Evidence> evidence = evidence(tenant, f, limit);
        List<Answer.Sentence> summary = new ArrayList<>(lead(f));
        summary.addAll(f.sentences);
        if (summary.isEmpty() || f.values.isEmpty() && f.sentences.isEmpty()) {
            summary.clear();
            String missing = f.missing == null ? null : "The graph has no answer: " + f.missing + ".";
            SearchHit top = hits.stream()
                    .filter(h -> f.visible(h.citations().getFirst()))
                    .findFirst()
                    .orElse(null);
            if (top != null) {
                summary.add(new Answer.Sentence(
                        (missing == null ? "" : missing + " ") + "The closest match: " + top.title() + " ("
                                + Planner.day(top.occurredAt()) + ").",
                        List.of(top.eventId())));
            } else if (!evidence.isEmpty()) {
                summary.add(new Answer.Sentence(
                        (missing == null ? "" : missing + " ") + "The closest match: "
                                + evidence.getFirst().title() + ".",
                        List.of(evidence.getFirst().eventId())));
            } else {
                summary.add(new Answer.Sentence(
                        missing != null ? missing : "Nothing in the log answers this yet.", List.of()));
            }
        }
        Reading r = f.reading;
        var understood = new Answer.Understood(
                r.question().type().name().toLowerCase(java.util.Locale.ROOT),
                r.question().kind() == null ? null : r.question().kind().wire(),
                r.question().cues().stream().map(RelationType::wire).toList(),
                r.anchors().stream()
                        .map(a -> new Answer.Anchor(
                                a.mention(),
                                a.source().name().toLowerCase(java.util.Locale.ROOT),
                                (a.source() == Anchor.Source.DESCRIPTION
                                                ? a.entities()
                                                        .subList(
                                                                0,
                                                                Math.min(
                                                                        3,
                                                                        a.entities()
                                                                                .size()))
                                                : a.entities())
                                        .stream().map(Findings::ref).toList()))
                        .toList(),
                r.question().window().from(),
                r.question().window().to());
        String by = "extractive";
        if (prose != null && !evidence.isEmpty()) {
            var written = prose.write(r.question().text(), evidence)
                    .map(text -> CitedProse.check(text, evidence))
                    .orElse(List.of());
            if (!written.isEmpty()) {
                summary = written;
                by = "model";
            }
        }
        return new Answer(
                r.question().text(),
                List.copyOf(summary),
                evidence,
                List.copyOf(f.involved.values()),
                now,
                f.asOf.seq(),
                by,
                List.copyOf(f.values.values()),
                List.copyOf(f.path.values()),
                understood,
                f.why);
    }

    /** The sentence stating the values, cited by the events that assert them. */
    private static List<Answer.Sentence> lead(Findings f) {
        if (f.values.isEmpty()) {
            return List.of();
        }
        AnswerType type = f.reading.question().type();
        List<Answer.Value> values = List.copyOf(f.values.values());
        List<String> cited = values.stream()
                .limit(NAMED)
                .flatMap(v -> v.citations().stream().limit(2))
                .map(Citation::eventId)
                .toList();
        String names = values.stream().limit(NAMED).map(Writer::describe).collect(Collectors.joining("; "));
        String more = values.size() > NAMED ? " (and " + (values.size() - NAMED) + " more)" : "";
        List<Answer.Sentence> out = new ArrayList<>();
        switch (type) {
            case TIME -> {
                String subject = f.reading.things().isEmpty()
                        ? "It"
                        : f.reading.things().getFirst().name()
                                + title(f.reading.things().getFirst().attributes());
                out.add(new Answer.Sentence(subject + ": " + names + ".", cited));
            }
            case COUNT -> {
                // The planner's sentence says what was counted and names it.
                if (f.sentences.isEmpty()) {
                    out.add(new Answer.Sentence(names + " found" + window(f) + ".", cited));
                }
            }
            case LIST -> {
                if (!f.reading.people().isEmpty()) {
                    out.add(new Answer.Sentence(
                            f.reading.people().getFirst().entities().getFirst().name() + " worked on " + values.size()
                                    + " thing" + (values.size() == 1 ? "" : "s") + window(f) + ": " + names + more
                                    + ".",
                            cited));
                } else if (f.sentences.isEmpty()) {
                    out.add(new Answer.Sentence(names + more + ".", cited));
                }
            }
            case REASON -> {
                // The planner's chain sentence says it.
            }
            default -> {
                // "payments-api#312 was reviewed by jonas": the link that reaches each value, first.
                java.util.Set<String> valueIds = values.stream()
                        .map(Answer.Value::id)
                        .filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet());
                Map<String, List<Answer.Step>> finals = new LinkedHashMap<>();
                List<Answer.Step> others = new ArrayList<>();
                for (Answer.Step s : f.path.values()) {
                    boolean fromValue = valueIds.contains(s.from().id());
                    boolean toValue = valueIds.contains(s.to().id());
                    if (fromValue != toValue) {
                        String key =
                                (fromValue ? "<" + s.to().id() : ">" + s.from().id()) + "|" + s.relation();
                        finals.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                    } else {
                        others.add(s);
                    }
                }
                for (List<Answer.Step> group : finals.values()) {
                    Answer.Step s = group.getFirst();
                    boolean fromValue = valueIds.contains(s.from().id());
                    RelationType relation = RelationType.of(s.relation()).orElse(RelationType.MENTIONS);
                    String named = group.stream()
                            .map(g -> fromValue ? g.from().label() : g.to().label())
                            .distinct()
                            .collect(Collectors.joining(", "));
                    String text = fromValue
                            ? s.to().label() + " was " + relation.inverse() + " " + named
                            : s.from().label() + " " + relation.phrase() + " " + named;
                    text += inferred(group) + ".";
                    out.add(new Answer.Sentence(
                            text,
                            group.stream()
                                    .flatMap(g -> g.citations().stream().limit(3))
                                    .map(Citation::eventId)
                                    .toList()));
                }
                for (Answer.Step s : others) {
                    if (out.size() >= NAMED) {
                        break;
                    }
                    out.add(new Answer.Sentence(
                            s.from().label() + " "
                                    + RelationType.of(s.relation())
                                            .map(RelationType::phrase)
                                            .orElse(s.relation()) + " "
                                    + s.to().label() + inferred(List.of(s)) + ".",
                            s.citations().stream()
                                    .limit(3)
                                    .map(Citation::eventId)
                                    .toList()));
                }
                if (finals.isEmpty()) {
                    out.addFirst(new Answer.Sentence("Answer: " + names + more + ".", cited));
                }
            }
        }
        return out;
    }

    /** Says that a link was inferred, how sure and why: never passed off as asserted. */
    private static String inferred(List<Answer.Step> steps) {
        return steps.stream()
                .filter(Answer.Step::inferred)
                .findFirst()
                .map(s -> String.format(
                        java.util.Locale.ROOT, " (inferred, confidence %.2f: %s)", s.confidence(), s.rationale()))
                .orElse("");
    }

    private static String describe(Answer.Value v) {
        return switch (v.kind()) {
            case "time", "count" -> v.label();
            case "event" -> v.title() == null ? v.label() : v.title();
            default -> v.label() + (v.title() == null ? "" : " (\"" + v.title() + "\")");
        };
    }

    private static String title(java.util.Map<String, Object> attributes) {
        Object t = attributes.get("title");
        return t == null ? "" : " (\"" + t + "\")";
    }

    private static String window(Findings f) {
        String phrase = f.reading.question().window().phrase();
        return phrase == null ? "" : " (" + phrase + ")";
    }

    private List<Answer.Evidence> evidence(TenantId tenant, Findings f, int limit) {
        var ranked = new ArrayList<>(f.evidence.values());
        ranked.sort((a, b) -> {
            int s = Double.compare(b.score, a.score);
            return s != 0 ? s : Long.compare(b.citation.seq(), a.citation.seq());
        });
        List<Answer.Evidence> out = new ArrayList<>();
        for (Findings.Scored s : ranked) {
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
                    Citation.of(e),
                    e.actor() == null ? null : ref(e.actor()),
                    e.subjects().stream().map(Writer::ref).toList()));
        }
        return out;
    }

    /** An event's entity reference as answers name entities: by id, kind and label. */
    static Answer.Ref ref(EntityRef r) {
        return new Answer.Ref(EntityIds.of(r), r.kind(), r.label() != null ? r.label() : r.key());
    }
}
