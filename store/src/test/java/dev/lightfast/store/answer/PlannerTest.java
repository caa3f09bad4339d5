package dev.lightfast.store.answer;

import static dev.lightfast.store.answer.SmallHistory.T;
import static dev.lightfast.store.answer.SmallHistory.ref;
import static dev.lightfast.store.answer.SmallHistory.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.Findings;
import dev.lightfast.core.answer.Planner;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphFact.Relates;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.reading.Reader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner alone, on a small graph: what it finds for a read question (values, path, the
 * sentences it adds, what is missing), before any writing. Carol opens shop#41, Alice writes a
 * commit and shop#57 that fixes it, Bob reviews and merges it, Alice opens shop#58.
 */
class PlannerTest {
    private static final EntityRef ALICE = ref("person", "tool:alice", "alice");
    private static final EntityRef BOB = ref("person", "tool:bob", "bob");
    private static final EntityRef CAROL = ref("person", "tool:carol", "carol");
    private static final EntityRef SHOP = ref("repository", "tool:shop", "shop");
    private static final EntityRef ISSUE = ref("issue", "tool:shop/issues/41", "shop#41");
    private static final EntityRef PR = ref("pull_request", "tool:shop/pull/57", "shop#57");
    private static final EntityRef NEXT = ref("pull_request", "tool:shop/pull/58", "shop#58");
    private static final EntityRef COMMIT = ref("commit", "git:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "a1b2c3d");
    /** An issue of another tracker that shop#57 names in its branch: nothing says it fixes it. */
    private static final EntityRef TRACKED = ref("issue", "tracker:ENG-7", "ENG-7");

    private static final EntityRef NOTE = ref("message", "chat:shop/1", "the flaky checkout is back");

    @TempDir
    Path dir;

    private SmallHistory h;
    private Reader reader;
    private long noteSeq;
    private long openedSeq;
    private Planner planner;

    @BeforeEach
    void history() {
        h = new SmallHistory(dir);
        openedSeq = h.at(
                1,
                "carol opened shop#41",
                CAROL,
                ISSUE,
                new Relates(RelationType.OPENED, CAROL, ISSUE, t(1)),
                new Relates(RelationType.AUTHORED, CAROL, ISSUE, t(1)),
                new Relates(RelationType.BELONGS_TO, ISSUE, SHOP, t(1)));
        h.at(
                2,
                "alice committed a1b2c3d",
                ALICE,
                COMMIT,
                new Relates(RelationType.AUTHORED, ALICE, COMMIT, t(2)),
                new Relates(RelationType.BELONGS_TO, COMMIT, SHOP, t(2)));
        h.at(
                3,
                "alice opened shop#57",
                ALICE,
                PR,
                new Relates(RelationType.AUTHORED, ALICE, PR, t(3)),
                new Relates(RelationType.OPENED, ALICE, PR, t(3)),
                new Relates(RelationType.CONTAINS, PR, COMMIT, t(3)),
                new Relates(RelationType.FIXES, PR, ISSUE, t(3)),
                new Relates(RelationType.MENTIONS, PR, TRACKED, t(3)),
                new Relates(RelationType.BELONGS_TO, PR, SHOP, t(3)));
        h.at(4, "bob reviewed shop#57", BOB, PR, new Relates(RelationType.REVIEWED, BOB, PR, t(4)));
        h.at(5, "bob merged shop#57", BOB, PR, new Relates(RelationType.MERGED, BOB, PR, t(5)));
        h.at(
                6,
                "alice opened shop#58",
                ALICE,
                NEXT,
                new Relates(RelationType.AUTHORED, ALICE, NEXT, t(6)),
                new Relates(RelationType.OPENED, ALICE, NEXT, t(6)),
                new Relates(RelationType.BELONGS_TO, NEXT, SHOP, t(6)));
        noteSeq = h.at(7, "the flaky checkout is back", CAROL, NOTE);
        reader = new Reader(h.storage.graph(), SmallHistory.emptySearch(), h.storage.eventLog());
        planner = new Planner(h.storage.graph(), h.storage.eventLog());
    }

    @AfterEach
    void close() {
        h.close();
    }

    private Findings plan(String question) {
        return planner.plan(T, reader.read(T, question, AsOf.NOW, t(7)), AsOf.NOW);
    }

    @Test
    void who_fixed_an_issue_walks_fixes_to_the_people_who_made_the_fix_never_to_its_opener() {
        Findings f = plan("Who fixed #41?");
        assertThat(f.values()).extracting(Answer.Value::label).contains("alice").doesNotContain("carol");
        assertThat(f.path()).extracting(Answer.Step::relation).contains("fixes");
        assertThat(f.path()).allSatisfy(s -> assertThat(s.basis()).isEqualTo("asserted"));
        assertThat(f.missing()).isEmpty();
    }

    @Test
    void a_count_says_what_it_counted_and_keeps_each_counted_relation_in_the_path() {
        Findings f = plan("How many PRs did bob merge in March 2026?");
        assertThat(f.values()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("count");
            assertThat(v.label()).isEqualTo("1");
            assertThat(v.title()).contains("pull request merged by bob");
            assertThat(v.citations()).isNotEmpty();
        });
        assertThat(f.path()).singleElement().satisfies(s -> {
            assertThat(s.from().label()).isEqualTo("bob");
            assertThat(s.relation()).isEqualTo("merged");
            assertThat(s.to().label()).isEqualTo("shop#57");
        });
        assertThat(f.sentences()).singleElement().satisfies(s -> {
            assertThat(s.text()).startsWith("1 pull request merged by bob").contains("shop#57");
            assertThat(s.citations()).isNotEmpty();
        });
        // Only the kind asked for is counted: alice's commit and pull requests are things, not merges.
        assertThat(plan("How many pull requests did alice open in March 2026?").values())
                .singleElement()
                .extracting(Answer.Value::label)
                .isEqualTo("2");
    }

    @Test
    void changes_in_a_place_count_each_thing_once_in_the_vocabularys_words() {
        Findings f = plan("What changed in shop in March 2026?");
        assertThat(f.sentences())
                .singleElement()
                .satisfies(s -> assertThat(s.text())
                        .contains("shop had")
                        .contains("1 pull request merged (shop#57)")
                        .contains("1 pull request opened (shop#58)")
                        .contains("1 issue opened (shop#41)")
                        .contains("1 commit authored (a1b2c3d)")
                        .doesNotContain("authored by")
                        .doesNotContain("_"));
    }

    @Test
    void what_happened_to_an_issue_says_what_fixed_it_and_who_made_and_merged_that() {
        Findings f = plan("What happened to shop#41?");
        assertThat(f.sentences().stream().map(Answer.Sentence::text))
                .anySatisfy(t -> assertThat(t).contains("opened by carol"))
                .anySatisfy(t -> assertThat(t)
                        .contains("shop#41 was fixed by shop#57")
                        .contains("authored by alice")
                        .contains("merged by bob"));
        assertThat(f.path()).anySatisfy(s -> {
            assertThat(s.relation()).isEqualTo("fixes");
            assertThat(s.from().label()).isEqualTo("shop#57");
        });
    }

    @Test
    void another_tools_issue_is_taken_as_fixed_by_the_merged_pull_request_that_names_it_and_marked_inferred() {
        Findings who = plan("Who fixed ENG-7?");
        assertThat(who.values()).extracting(Answer.Value::label).containsExactly("alice");
        assertThat(who.path()).anySatisfy(s -> {
            assertThat(s.relation()).isEqualTo("fixes");
            assertThat(s.basis()).isEqualTo("inferred");
            assertThat(s.confidence()).isLessThan(1.0);
            assertThat(s.rationale()).contains("shop#57 names ENG-7 and was merged");
        });
        Findings happened = plan("What happened to ENG-7?");
        assertThat(happened.sentences().stream().map(Answer.Sentence::text))
                .anySatisfy(t -> assertThat(t)
                        .contains("ENG-7 was likely fixed (inferred")
                        .contains("by shop#57"));
        // Before the merge, naming it is not fixing it.
        assertThat(planner.plan(T, reader.read(T, "Who fixed ENG-7?", AsOf.NOW, t(4)), AsOf.seq(4))
                        .values())
                .isEmpty();
    }

    @Test
    void a_description_whose_best_match_leads_nowhere_means_the_next_match_that_answers() {
        // Search finds a chat message about it first (every word in its title), the issue last.
        var described = new Reader(
                h.storage.graph(),
                SmallHistory.search(q -> List.of(h.hit(noteSeq, 1.0), h.hit(openedSeq, 0.2))),
                h.storage.eventLog());
        var reading = described.read(T, "Who fixed the flaky checkout?", AsOf.NOW, t(8));
        assertThat(reading.descriptions().getFirst().entities())
                .extracting(e -> e.name())
                .containsExactly(NOTE.label(), "shop#41");
        Findings f = planner.plan(T, reading, AsOf.NOW);
        assertThat(f.values()).extracting(Answer.Value::label).contains("alice").doesNotContain("carol");
        assertThat(f.path()).extracting(Answer.Step::relation).contains("fixes");
    }

    @Test
    void when_the_graph_has_no_path_the_plan_says_what_is_missing_and_finds_nothing_else() {
        Findings f = plan("Which deployment shipped PR #58?");
        assertThat(f.values()).isEmpty();
        assertThat(f.missing()).hasValueSatisfying(m -> assertThat(m).contains("no deployment", "shop#58"));
    }
}
