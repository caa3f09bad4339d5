package dev.lightfast.core.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.EntityKind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The resolver's reading of references that are not plain names, and the arguments' checks: a
 * reference by relations becomes the question it stands for, so answers resolve it.
 */
class IntentResolverTest {
    @Test
    void a_reference_by_its_relations_is_read_as_the_question_it_stands_for() {
        assertThat(IntentResolver.question("the PR that fixed #41", Set.of(EntityKind.PULL_REQUEST)))
                .isEqualTo("which pull request fixed #41?");
        assertThat(IntentResolver.question(
                        "the reviewer of the PR that fixed payments-api#301", Set.of(EntityKind.PERSON)))
                .isEqualTo("who is the reviewer of the PR that fixed payments-api#301?");
        assertThat(IntentResolver.question("the person who merged #12", Set.of(EntityKind.PERSON)))
                .isEqualTo("who merged #12?");
        assertThat(IntentResolver.question("the deploy that shipped 670ad44", Set.of(EntityKind.DEPLOYMENT)))
                .startsWith("which ")
                .endsWith(" shipped 670ad44?");
    }

    @Test
    void a_plain_reference_is_asked_about_as_it_is() {
        assertThat(IntentResolver.question("ENG-12", Set.of(EntityKind.ISSUE))).isEqualTo("which is ENG-12?");
        assertThat(IntentResolver.question("Priya", Set.of(EntityKind.PERSON))).isEqualTo("who is Priya?");
    }

    @Test
    void arguments_are_checked_against_the_intents_schema() {
        var note = IntentArgs.of(IntentKind.INCIDENT_NOTE, Map.of("incident", " DASHBOARD-4F ", "text", "back"));
        assertThat(note).isEqualTo(new IntentArgs.IncidentNote("DASHBOARD-4F", "back"));
        var label = IntentArgs.of(IntentKind.LABEL, Map.of("item", "#1", "labels", "bug, urgent,,"));
        assertThat(((IntentArgs.Label) label).labels()).containsExactly("bug", "urgent");
        assertThatThrownBy(() -> IntentArgs.of(IntentKind.COMMENT, Map.of("on", "#1")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("'text'");
        assertThatThrownBy(() -> IntentArgs.of(IntentKind.COMMENT, Map.of("on", "#1", "text", "x", "when", "now")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("unknown argument 'when'");
        assertThatThrownBy(() -> IntentKind.of("dance"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("request_review");
        assertThat(IntentKind.REQUEST_REVIEW.schema().path("required").toString())
                .contains("pr", "by");
    }
}
