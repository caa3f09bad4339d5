package dev.lightfast.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.answer.Question.Intent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuestionTest {
    /** A Friday afternoon. */
    private static final Instant NOW = Instant.parse("2026-11-20T15:00:00Z");

    @Test
    void reads_the_identifiers_a_question_names() {
        var q = Question.parse("Which deploy shipped commit 9f1c2ab? Was it PR #42 or issue 7?", NOW);
        assertThat(q.shas()).containsExactly("9f1c2ab");
        assertThat(q.numbers()).containsExactly(42L, 7L);
        assertThat(q.asks(Intent.DEPLOY)).isTrue();
    }

    @Test
    void a_run_of_digits_is_a_number_not_a_sha() {
        assertThat(Question.parse("what happened in 2026020?", NOW).shas()).isEmpty();
    }

    @Test
    void reads_relation_words_as_intents() {
        assertThat(Question.parse("who reviewed the PR that fixed the login bug?", NOW)
                        .intents())
                .containsExactlyInAnyOrder(Intent.REVIEW, Intent.FIX);
        assertThat(Question.parse("What is alice working on?", NOW).intents()).contains(Intent.WORKING_ON);
        assertThat(Question.parse("what caused the incident after Tuesday's deploy?", NOW)
                        .intents())
                .contains(Intent.CAUSE, Intent.DEPLOY);
    }

    @Test
    void keeps_names_and_drops_question_words() {
        var q = Question.parse("What changed in payments-api last week?", NOW);
        assertThat(q.words()).containsExactly("payments-api");
        assertThat(Question.parse("What is alice's focus?", NOW).words()).contains("alice");
    }

    @Test
    void relative_times_count_back_from_the_present_of_the_log() {
        var lastWeek = Question.parse("what changed last week?", NOW);
        assertThat(lastWeek.from()).isEqualTo(Instant.parse("2026-11-13T15:00:00Z"));
        assertThat(lastWeek.to()).isEqualTo(NOW);
        var tuesday = Question.parse("what caused the incident after Tuesday's deploy?", NOW);
        assertThat(tuesday.from()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
        assertThat(tuesday.to()).isEqualTo(NOW);
        assertThat(Question.parse("who merged #3?", NOW).from()).isNull();
    }

    @Test
    void an_empty_question_is_refused() {
        assertThatThrownBy(() -> Question.parse("  ", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
