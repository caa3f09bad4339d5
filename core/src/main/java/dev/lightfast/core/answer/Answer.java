package dev.lightfast.core.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;

/**
 * An evidence-backed answer: a short summary whose every sentence cites events, the ranked events
 * that answer the question (each with why it was chosen), and the entities involved.
 *
 * @param now the present the question was read from (the latest event's time), for "last week"
 * @param summaryBy {@code extractive} (assembled from cited fields) or {@code model} (written by the
 *     configured language model, every sentence checked against the evidence)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(
        String question,
        List<Sentence> summary,
        List<Evidence> evidence,
        List<Involved> entities,
        Instant now,
        Long asOfSeq,
        String summaryBy) {

    /** One sentence of the summary and the events it was assembled from, each named once. */
    public record Sentence(String text, List<String> citations) {
        public Sentence {
            citations = List.copyOf(new java.util.LinkedHashSet<>(citations));
        }
    }

    /** One answering event, ranked. */
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
            Citation citation) {}

    /** An entity the answer is about, and the part it plays. */
    public record Involved(String id, String kind, String name, String role) {}
}
