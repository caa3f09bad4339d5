package dev.lightfast.store.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.search.Embedder;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader, planner and writer together on a small graph in a real SQLite store: typed values,
 * cited paths, the "no path" answer, calendar windows, accents, and asOf. The search index is empty,
 * so every value here comes from the graph.
 */
class AnswersOnASmallGraphTest {
    private static final TenantId T = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private static final EntityRef ALICE = EntityRef.of("person", "email:alice@example.com", "Dariusz Jędrzejczyk");
    private static final EntityRef BOB = EntityRef.of("person", "tool:bob", "bob");
    private static final EntityRef CAROL = EntityRef.of("person", "tool:carol", "carol");
    private static final EntityRef ISSUE = EntityRef.of("issue", "tool:shop/issues/41", "shop#41");
    private static final EntityRef PR = EntityRef.of("pull_request", "tool:shop/pull/57", "shop#57");
    private static final EntityRef COMMIT = EntityRef.of("commit", "sha:a1b2c3d4e5f6", "a1b2c3d");
    private static final EntityRef MERGE = EntityRef.of("commit", "sha:ff00ee11dd22", "ff00ee1");
    private static final EntityRef DEPLOY = EntityRef.of("deployment", "tool:deploy/9001", "deployment 9001");

    @TempDir
    Path dir;

    private SqliteStorage storage;
    private Answerer answerer;
    private long reviewSeq;

    @BeforeEach
    void history() {
        storage = SqliteStorage.open(dir);
        SearchIndex empty = new SearchIndex() {
            public void index(TenantId tenant, List<Indexed> batch, List<Indexed> replacements) {}

            public boolean answered(TenantId tenant, String eventId) {
                return false;
            }

            public long checkpoint(TenantId tenant) {
                return 0;
            }

            public long written(TenantId tenant) {
                return 0;
            }

            public void refresh() {}

            public List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector) {
                return List.of();
            }

            public void reset(TenantId tenant) {}

            public void close() {}
        };
        Embedder none = new Embedder() {
            public String name() {
                return "none";
            }

            public int dimensions() {
                return 1;
            }

            public float[] embed(String text) {
                return new float[] {0};
            }

            public List<float[]> embedAll(List<String> texts) {
                return texts.stream().map(this::embed).toList();
            }
        };
        answerer = new Answerer(new Search(empty, none), storage.graph(), storage.eventLog());

        at(1, "opened", CAROL, ISSUE, new GraphFact.Relates(RelationType.OPENED, CAROL, ISSUE, t(1)));
        at(
                2,
                "committed",
                ALICE,
                COMMIT,
                new GraphFact.Relates(RelationType.AUTHORED, ALICE, COMMIT, t(2)),
                new GraphFact.Identifies(ALICE, Alias.name("Dariusz Jędrzejczyk"), "the commit names its author"));
        at(
                3,
                "pr opened",
                ALICE,
                PR,
                new GraphFact.Relates(RelationType.AUTHORED, ALICE, PR, t(3)),
                new GraphFact.Relates(RelationType.CONTAINS, PR, COMMIT, t(3)),
                new GraphFact.Relates(RelationType.FIXES, PR, ISSUE, t(3)));
        reviewSeq = at(4, "reviewed", BOB, PR, new GraphFact.Relates(RelationType.REVIEWED, BOB, PR, t(4)));
        at(
                5,
                "merged",
                ALICE,
                PR,
                new GraphFact.Relates(RelationType.MERGED, ALICE, PR, t(5)),
                new GraphFact.Relates(RelationType.CONTAINS, PR, MERGE, t(5)));
        at(6, "deployed", BOB, DEPLOY, new GraphFact.Relates(RelationType.DEPLOYED, DEPLOY, MERGE, t(6)));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static Instant t(int n) {
        return T0.plusSeconds(n * 3600L);
    }

    /** Appends one event to the log and applies its facts to the graph; returns its seq. */
    private long at(int n, String title, EntityRef actor, EntityRef subject, GraphFact... facts) {
        var draft = EventDraft.builder("tool", "tool.thing." + title.replace(' ', '_'))
                .occurredAt(t(n))
                .actor(actor)
                .subject(subject)
                .title(title + " " + subject.label())
                .attribute(
                        Event.LOCAL_TIME,
                        t(n).atOffset(java.time.ZoneOffset.ofHours(2)).toString())
                .idempotencyKey("k" + n)
                .build();
        var appended = storage.eventLog()
                .append(
                        T,
                        new IncomingDelivery(
                                "tool",
                                null,
                                "d" + n,
                                title,
                                Map.of(),
                                "{}".getBytes(StandardCharsets.UTF_8),
                                t(n),
                                List.of(draft)));
        Event e = appended.events().getFirst();
        storage.graph().apply(T, List.of(new GraphStore.Projected(e, List.of(facts))));
        return e.seq();
    }

    private Answer ask(String question) {
        return answerer.answer(T, question, AsOf.NOW, 10);
    }

    @Test
    void who_reviewed_the_pr_that_fixed_an_issue_walks_fixes_then_reviewed() {
        Answer a = ask("Who reviewed the PR that fixed #41?");
        assertThat(a.answer()).extracting(Answer.Value::label).containsExactly("bob");
        assertThat(a.answer().getFirst().citations()).isNotEmpty();
        assertThat(a.path()).extracting(Answer.Step::relation).contains("fixes", "reviewed");
        assertThat(a.summary()).allSatisfy(s -> assertThat(s.citations()).isNotEmpty());
    }

    @Test
    void who_fixed_an_issue_names_the_fixer_not_the_person_who_opened_it() {
        Answer a = ask("Who fixed issue #41?");
        assertThat(a.answer()).extracting(Answer.Value::label).containsExactly("Dariusz Jędrzejczyk");
    }

    @Test
    void which_deployment_shipped_a_pr_follows_its_merge_commit() {
        Answer a = ask("Which deployment shipped PR #57?");
        assertThat(a.answer()).extracting(Answer.Value::label).containsExactly("deployment 9001");
        assertThat(a.path()).extracting(Answer.Step::relation).containsExactly("contains", "deployed");
        assertThat(a.path()).allSatisfy(s -> assertThat(s.citations()).isNotEmpty());
    }

    @Test
    void a_commit_by_its_sha_prefix_is_shipped_by_the_deployment_of_its_pull_request() {
        Answer a = ask("Which deploy shipped commit a1b2c3d?");
        assertThat(a.answer()).extracting(Answer.Value::label).containsExactly("deployment 9001");
    }

    @Test
    void a_person_named_without_accents_is_found_and_their_month_is_listed() {
        Answer a = ask("What did Dariusz Jedrzejczyk work on in March 2026?");
        assertThat(a.answer()).extracting(Answer.Value::label).contains("a1b2c3d", "shop#57");
        assertThat(ask("What did Jedrzejczyk work on in April 2026?").answer()).isEmpty();
    }

    @Test
    void when_answers_with_the_time_as_the_source_stated_it() {
        Answer a = ask("When was commit a1b2c3d made?");
        assertThat(a.answer()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("time");
            assertThat(v.at()).isEqualTo(t(2));
            assertThat(v.local()).endsWith("+02:00");
        });
    }

    @Test
    void as_of_before_the_review_there_is_no_reviewer_and_the_summary_says_so() {
        Answer a = answerer.answer(T, "Who reviewed the PR that fixed #41?", AsOf.seq(reviewSeq - 1), 10);
        assertThat(a.answer()).isEmpty();
        assertThat(a.summary().getFirst().text()).contains("no one is linked");
        assertThat(a.evidence()).allSatisfy(e -> assertThat(e.citation().seq()).isLessThan(reviewSeq));
        Answer byTime = answerer.answer(T, "Who reviewed the PR that fixed #41?", AsOf.time(t(3)), 10);
        assertThat(byTime.answer()).isEmpty();
        assertThat(byTime.evidence()).allSatisfy(e -> assertThat(e.occurredAt()).isBeforeOrEqualTo(t(3)));
    }

    @Test
    void evidence_names_who_acted_and_what_it_is_about() {
        Answer a = ask("Who reviewed the PR that fixed #41?");
        assertThat(a.evidence()).isNotEmpty();
        assertThat(a.evidence().getFirst().actor()).isNotNull();
        assertThat(a.evidence().getFirst().subjects()).isNotEmpty();
    }
}
