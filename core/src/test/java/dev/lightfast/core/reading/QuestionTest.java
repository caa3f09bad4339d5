package dev.lightfast.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.RelationType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuestionTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z"); // a Friday

    private static Question read(String text) {
        return Question.parse(text, NOW);
    }

    @Test
    void who_asks_for_a_person_and_reads_the_relation_cues() {
        var q = read("Who reviewed the PR that fixed payments-api#301?");
        assertThat(q.type()).isEqualTo(AnswerType.PERSON);
        assertThat(q.cues()).contains(RelationType.REVIEWED, RelationType.FIXES);
        assertThat(q.references()).singleElement().satisfies(r -> {
            assertThat(r.form()).isEqualTo(Question.Reference.Form.NUMBER);
            assertThat(r.value()).isEqualTo("301");
            assertThat(r.scope()).isEqualTo("payments-api");
        });
    }

    @Test
    void which_kind_asks_for_things_of_that_kind() {
        var q = read("Which deploy shipped commit 670ad44?");
        assertThat(q.type()).isEqualTo(AnswerType.ENTITY);
        assertThat(q.kind()).isEqualTo(EntityKind.DEPLOYMENT);
        assertThat(q.references()).extracting(Question.Reference::value).containsExactly("670ad44");
        assertThat(read("What fixed #41?").type()).isEqualTo(AnswerType.ENTITY);
        assertThat(read("Which deployment shipped PR #57?")
                        .references()
                        .getFirst()
                        .text())
                .startsWith("pr");
    }

    @Test
    void when_how_many_why_and_lists_are_told_apart() {
        assertThat(read("When was 'add retries' changed?").type()).isEqualTo(AnswerType.TIME);
        assertThat(read("How many commits did Ana make in 2024?").type()).isEqualTo(AnswerType.COUNT);
        assertThat(read("What caused the incident after Tuesday's deploy?").type())
                .isEqualTo(AnswerType.REASON);
        assertThat(read("What is Priya working on?").type()).isEqualTo(AnswerType.LIST);
    }

    @Test
    void quoted_phrases_are_kept_whole_and_do_not_become_names_or_times() {
        var q = read("Who made the change 'Fix May release notes for 2024'?");
        assertThat(q.quoted()).containsExactly("Fix May release notes for 2024");
        assertThat(q.window().bounded()).isFalse();
        assertThat(q.words()).isEmpty();
    }

    @Test
    void months_years_and_spans_are_calendar_windows() {
        var august = read("What did Christian Tzolov work on in August 2023?").window();
        assertThat(august.from()).isEqualTo(Instant.parse("2023-08-01T00:00:00Z"));
        assertThat(august.to()).isEqualTo(Instant.parse("2023-09-01T00:00:00Z"));
        assertThat(august.calendar()).isTrue();
        var between = read("what changed between May and July 2024?").window();
        assertThat(between.from()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(between.to()).isEqualTo(Instant.parse("2024-08-01T00:00:00Z"));
        assertThat(read("what was merged since March 2025?").window().to()).isNull();
        assertThat(read("what was merged before 2025?").window().to()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void relative_times_count_back_from_now() {
        var week = read("What changed in api last week?").window();
        assertThat(week.from()).isEqualTo(NOW.minusSeconds(7 * 86_400));
        var tuesday = read("What happened on Tuesday?").window();
        assertThat(tuesday.from()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
        assertThat(tuesday.to()).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
    }

    @Test
    void a_calendar_window_decides_by_the_local_date_the_source_stated() {
        var august = read("in August 2023").window();
        // 23:30 on 31 July in New York is already 1 August in UTC: not in August for its author.
        Instant utc = Instant.parse("2023-08-01T03:30:00Z");
        assertThat(august.contains(utc)).isTrue();
        assertThat(august.contains(utc, "2023-07-31T23:30:00-04:00")).isFalse();
    }

    @Test
    void folding_ignores_case_accents_and_typographic_quotes() {
        assertThat(Fold.phrase("Dariusz Jędrzejczyk")).isEqualTo("dariusz jedrzejczyk");
        assertThat(Fold.phrase("Vìncent")).isEqualTo("vincent");
        assertThat(Fold.phrase("“JermaineHua”")).isEqualTo("jermainehua");
        assertThat(Fold.phrase("Łukasz Ølsen")).isEqualTo("lukasz olsen");
    }

    @Test
    void versions_are_references_and_never_times_or_words() {
        var q = read("When was v2.12.0 deployed to production?");
        assertThat(q.type()).isEqualTo(AnswerType.TIME);
        assertThat(q.cues()).contains(RelationType.DEPLOYED);
        assertThat(q.references()).singleElement().satisfies(r -> {
            assertThat(r.form()).isEqualTo(Question.Reference.Form.VERSION);
            assertThat(r.value()).isEqualTo("v2.12.0");
        });
        assertThat(q.words()).doesNotContain("v2.12.0", "2.12.0").contains("production");
        assertThat(q.window().bounded()).isFalse();
        assertThat(read("When was 2.13.1 deployed?").references())
                .extracting(Question.Reference::value)
                .containsExactly("2.13.1");
        assertThat(read("When did release 1.4 go live?").references())
                .extracting(Question.Reference::value)
                .containsExactly("1.4");
        // A decimal is not a version.
        assertThat(read("Which PRs took more than 1.5 days?").references()).isEmpty();
    }

    @Test
    void a_run_of_digits_is_a_sha_only_when_named_a_commit() {
        assertThat(read("Which deployment shipped commit 7254362?").references())
                .singleElement()
                .satisfies(r -> assertThat(r.form()).isEqualTo(Question.Reference.Form.SHA));
        assertThat(read("What happened in 2024?").references()).isEmpty();
    }

    @Test
    void plural_kinds_are_the_kind_asked_for_not_a_description() {
        var q = read("How many PRs did Priya merge in November 2026?");
        assertThat(q.type()).isEqualTo(AnswerType.COUNT);
        assertThat(q.kind()).isEqualTo(EntityKind.PULL_REQUEST);
        assertThat(q.cues()).contains(RelationType.MERGED);
        assertThat(q.words()).containsExactly("priya");
        assertThat(read("Which deployments shipped the retry fix?").words()).containsExactly("retry");
    }
}
