package dev.lightfast.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitedProseTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<Answer.Evidence> EVIDENCE = List.of(evidence(1, "ev-a"), evidence(2, "ev-b"));

    private static Answer.Evidence evidence(int rank, String id) {
        return new Answer.Evidence(
                rank,
                1,
                "why",
                id,
                "github.x",
                "title",
                T,
                null,
                new Citation(id, rank, "x", null, T),
                null,
                List.of());
    }

    @Test
    void keeps_cited_sentences_and_maps_markers_to_event_ids() {
        var kept = CitedProse.check("Bob reviewed PR #2 [1]. It was merged the next day [1, 2].", EVIDENCE);
        assertThat(kept)
                .extracting(Answer.Sentence::text)
                .containsExactly("Bob reviewed PR #2.", "It was merged the next day.");
        assertThat(kept.get(1).citations()).containsExactly("ev-a", "ev-b");
    }

    @Test
    void drops_sentences_without_citations_or_citing_what_was_not_retrieved() {
        var kept =
                CitedProse.check("The team is great. Alice fixed it [3]. Carol approved [2]! Probably fine", EVIDENCE);
        assertThat(kept).extracting(Answer.Sentence::text).containsExactly("Carol approved!");
        assertThat(CitedProse.check(null, EVIDENCE)).isEmpty();
        assertThat(CitedProse.check("[1]", EVIDENCE)).isEmpty();
    }
}
