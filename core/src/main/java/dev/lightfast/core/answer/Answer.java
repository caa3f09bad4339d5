package dev.lightfast.core.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;

/**
 * An evidence-backed answer: the value(s) asked for, typed and each cited ({@code answer}); the
 * chain of entities and cited relations that led there ({@code path}); a short summary whose every
 * sentence cites events; the ranked events that answer the question (each with why it was chosen,
 * who acted and what it is about); and the entities involved.
 *
 * @param now the present the question was read from (the latest event's time), for "last week"
 * @param summaryBy {@code extractive} (assembled from cited fields) or {@code model} (written by the
 *     configured language model, every sentence checked against the evidence)
 * @param answer the values asked for; empty when the graph holds nothing that fits, and the
 *     summary then says what was found instead
 * @param understood how the question was read: what it asks for, the anchors, the time window
 * @param why for a "why" or "what caused" question, the causal chain behind what it asks about:
 *     ordered steps, each asserted or inferred, cited, with its rationale ({@code path} holds only the
 *     asserted links, so an inference never reads as a fact there)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(
        String question,
        List<Sentence> summary,
        List<Evidence> evidence,
        List<Involved> entities,
        Instant now,
        Long asOfSeq,
        String summaryBy,
        List<Value> answer,
        List<Step> path,
        Understood understood,
        dev.lightfast.core.why.Chain why) {

    /** One sentence of the summary and the events it was assembled from, each named once. */
    public record Sentence(String text, List<String> citations) {
        public Sentence {
            citations = List.copyOf(new java.util.LinkedHashSet<>(citations));
        }
    }

    /** An entity as an answer names it. */
    public record Ref(String id, String kind, String label) {}

    /**
     * One value asked for: an entity ({@code kind} is its kind: person, commit, deployment...), a
     * time ({@code kind} {@code time}: {@code at}, and {@code local} as the source stated it, with
     * its offset), an event ({@code kind} {@code event}, {@code id} the event id) or a count ({@code
     * kind} {@code count}, the number in {@code label}). Always cited.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Value(
            String kind, String id, String label, String title, Instant at, String local, List<Citation> citations) {}

    /**
     * One link of the path: {@code from} {@code relation} {@code to}, with the events it rests on.
     * {@code basis} says how we know it: {@code asserted} (a cited event states the relation) or
     * {@code inferred} (Lightfast concluded it from the cited events, e.g. a deployment shipped a
     * commit because its branch had the commit before the deployed one); an inferred link has a
     * {@code confidence} below 1 and its {@code rationale} in words.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            Ref from,
            String relation,
            Ref to,
            List<Citation> citations,
            String basis,
            Double confidence,
            String rationale) {
        public static final String ASSERTED = "asserted";
        public static final String INFERRED = "inferred";

        /** A relation a cited event states. */
        public static Step asserted(Ref from, String relation, Ref to, List<Citation> citations) {
            return new Step(from, relation, to, citations, ASSERTED, 1.0, null);
        }

        public boolean inferred() {
            return INFERRED.equals(basis);
        }
    }

    /** One answering event, ranked, with who acted and what it is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(
            int rank,
            double score,
            String why,
            String eventId,
            String type,
            String title,
            Instant occurredAt,
            String url,
            Citation citation,
            Ref actor,
            List<Ref> subjects) {}

    /** An entity the answer is about, and the part it plays. */
    public record Involved(String id, String kind, String name, String role) {}

    /** The reading of the question: answer type, kind asked for, cues, anchors and window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Understood(
            String asks, String kind, List<String> relations, List<Anchor> anchors, Instant from, Instant to) {}

    /** A name or description in the question and the entities it was linked to. */
    public record Anchor(String mention, String linkedBy, List<Ref> entities) {}
}
