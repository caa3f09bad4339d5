package dev.lightfast.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a Linear issue is named: PR titles, branch names, commit messages, links. */
class LinearMentionsTest {
    private final LinearGraph graph = new LinearGraph();

    private List<String> keys(String text) {
        return graph.mentionsIn(text).stream().map(EntityRef::key).toList();
    }

    @Test
    void keys_in_titles_and_commit_messages() {
        assertThat(keys("Fix checkout timeout (ENG-123)")).containsExactly("linear:ENG-123");
        assertThat(keys("[ENG-123] Fix checkout timeout")).containsExactly("linear:ENG-123");
        assertThat(keys("ENG-123: fix checkout\n\nAlso closes OPS-7 and refs ENG-124."))
                .containsExactly("linear:ENG-123", "linear:OPS-7", "linear:ENG-124");
        assertThat(keys("Fixes ENG-123, ENG-123 again")).containsExactly("linear:ENG-123");
        assertThat(keys("Team keys may hold digits: WEB2-9")).containsExactly("linear:WEB2-9");
    }

    @Test
    void every_mention_is_an_issue_entity_labelled_with_its_key() {
        assertThat(graph.mentionsIn("see ENG-123")).containsExactly(EntityRef.of("issue", "linear:ENG-123", "ENG-123"));
    }

    @Test
    void keys_in_branch_names_in_the_lower_case_linear_suggests() {
        assertThat(keys("ana/eng-123-checkout-times-out")).containsExactly("linear:ENG-123");
        assertThat(keys("eng-123-checkout-times-out")).containsExactly("linear:ENG-123");
        assertThat(keys("refs/heads/eng-123")).containsExactly("linear:ENG-123");
        assertThat(keys("Merge pull request #42 from acme/ana/eng-123-fix")).containsExactly("linear:ENG-123");
    }

    @Test
    void issue_urls_old_and_new() {
        assertThat(keys("https://linear.app/acme/issue/ENG-123/checkout-times-out"))
                .containsExactly("linear:ENG-123");
        assertThat(keys("https://linear.app/issue/LIN-1778/foo-bar#comment-77217de3"))
                .containsExactly("linear:LIN-1778");
        assertThat(keys("<https://linear.app/acme/issue/eng-9|eng-9>")).contains("linear:ENG-9");
    }

    @Test
    void lower_case_prose_and_standards_are_not_issues() {
        assertThat(keys("upgrade to utf-8 and covid-19 notes, step-2 of the plan"))
                .isEmpty();
        assertThat(keys("signed with SHA-256, dates in ISO-8601, see RFC-7231 and CVE-2024-3094"))
                .isEmpty();
        assertThat(keys("version 1.2-3, v2-1, x-1")).isEmpty();
        assertThat(keys("FRONT-END-9 is a Sentry short id")).doesNotContain("linear:END-9");
        assertThat(keys("an email bob@ENG-1.example or an anchor #ENG-2")).isEmpty();
        assertThat(keys("ENG-123abc or ENG-12.5")).isEmpty();
        assertThat(keys("")).isEmpty();
        assertThat(keys(null)).isEmpty();
    }
}
