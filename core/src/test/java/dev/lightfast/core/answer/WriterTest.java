package dev.lightfast.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventPage;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.reading.Anchor;
import dev.lightfast.core.reading.Question;
import dev.lightfast.core.reading.Reading;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The writer alone, on findings made by hand: what it says, what it cites, and that it never
 * passes an inferred link off as asserted or says more than the findings hold.
 */
class WriterTest {
    private static final TenantId T = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
    private static final EntityRef MAYA = EntityRef.of("person", "tool:maya", "maya");
    private static final EntityRef PR = EntityRef.of("pull_request", "tool:shop/pull/57", "shop#57");
    private static final EntityRef MERGE = EntityRef.of("commit", "git:aa9f2c4", "aa9f2c4");
    private static final EntityRef DEPLOY = EntityRef.of("deployment", "tool:deploy/9001", "deployment 9001");

    private final Map<String, Event> events = new LinkedHashMap<>();
    private final Writer writer = new Writer(new MapLog(events), null);

    private Citation event(long seq, String title, EntityRef actor, EntityRef... subjects) {
        var e = new Event(
                "ev" + seq,
                T,
                seq,
                "tool",
                "tool.thing.happened",
                T0.plusSeconds(seq * 60),
                T0.plusSeconds(seq * 60),
                actor,
                List.of(subjects),
                title,
                "",
                Map.of(),
                "https://tool.example/" + seq,
                "raw" + seq,
                List.of(),
                "k" + seq);
        events.put(e.id(), e);
        return Citation.of(e);
    }

    private static Entity entity(EntityRef r) {
        return new Entity(EntityIds.of(r), r.kind(), r.key(), r.label(), Map.of(), null, null, T0, T0, 1, 1, List.of());
    }

    private static Findings findings(String question, AsOf asOf, Entity... named) {
        var q = Question.parse(question, T0.plusSeconds(3600));
        var anchors = named.length == 0
                ? List.<Anchor>of()
                : List.of(new Anchor("pr #57", Anchor.Source.KEY, List.of(named), List.of()));
        return new Findings(new Reading(q, anchors, null), asOf);
    }

    @Test
    void an_inferred_link_is_said_to_be_inferred_with_its_confidence_and_why_and_every_sentence_cites() {
        Citation contains = event(1, "shop#57 merged as aa9f2c4", MAYA, PR, MERGE);
        Citation deployed = event(2, "deployment 9001 of 670ad44", MAYA, DEPLOY);
        Findings f = findings("Which deployment shipped PR #57?", AsOf.NOW, entity(PR));
        f.step(Answer.Step.asserted(
                Findings.ref(entity(PR)), "contains", Findings.ref(entity(MERGE)), List.of(contains)));
        f.step(new Answer.Step(
                Findings.ref(entity(DEPLOY)),
                RelationType.DEPLOYED.wire(),
                Findings.ref(entity(MERGE)),
                List.of(deployed, contains),
                Answer.Step.INFERRED,
                0.9,
                "deployment 9001 deployed 670ad44, which main received after aa9f2c4"));
        f.value(entity(DEPLOY), List.of(deployed), deployed.occurredAt());
        f.cite(List.of(deployed), Planner.PATH, "shipped it");
        f.cite(List.of(contains), Planner.PATH - 1, "on the path");

        Answer a = writer.write(T, f, List.of(), 10, T0);

        assertThat(a.answer()).extracting(Answer.Value::label).containsExactly("deployment 9001");
        assertThat(a.summary().getFirst().text())
                .isEqualTo("aa9f2c4 was shipped by deployment 9001 (inferred, confidence 0.90: deployment 9001"
                        + " deployed 670ad44, which main received after aa9f2c4).");
        assertThat(a.summary()).extracting(Answer.Sentence::text).contains("shop#57 contains aa9f2c4.");
        assertThat(a.summary()).allSatisfy(s -> assertThat(s.citations()).isNotEmpty());
        assertThat(a.path()).extracting(Answer.Step::basis).containsExactly("asserted", "inferred");
        // Evidence in score order, each naming who acted and what it is about.
        assertThat(a.evidence()).extracting(Answer.Evidence::eventId).containsExactly("ev2", "ev1");
        assertThat(a.evidence().getFirst().actor().label()).isEqualTo("maya");
        assertThat(a.evidence().get(1).subjects())
                .extracting(Answer.Ref::kind)
                .containsExactly("pull_request", "commit");
    }

    @Test
    void with_nothing_found_it_says_what_is_missing_and_the_closest_match_known_at_the_reading_point() {
        event(1, "an early note", MAYA, PR);
        event(5, "a later note", MAYA, PR);
        Findings f = findings("Which deployment shipped PR #57?", AsOf.seq(3), entity(PR));
        f.missing = "no deployment shipped shop#57";
        var later = hit("ev5", 5, "a later note");
        var early = hit("ev1", 1, "an early note");

        Answer a = writer.write(T, f, List.of(later, early), 10, T0);

        assertThat(a.answer()).isEmpty();
        assertThat(a.summary()).singleElement().satisfies(s -> {
            assertThat(s.text())
                    .startsWith("The graph has no answer: no deployment shipped shop#57.")
                    .contains("The closest match: an early note");
            assertThat(s.citations()).containsExactly("ev1");
        });
        assertThat(a.evidence()).extracting(Answer.Evidence::eventId).containsExactly("ev1");
    }

    @Test
    void a_count_is_stated_once_by_the_planners_sentence_not_again_as_a_list() {
        Citation merged = event(1, "maya merged shop#57", MAYA, PR);
        Findings f = findings("How many PRs did maya merge?", AsOf.NOW);
        f.values.put(
                "count",
                new Answer.Value("count", null, "1", "pull request merged by maya", null, null, List.of(merged)));
        f.sentences.add(new Answer.Sentence("1 pull request merged by maya: shop#57.", List.of("ev1")));

        Answer a = writer.write(T, f, List.of(), 10, T0);

        assertThat(a.summary())
                .extracting(Answer.Sentence::text)
                .containsExactly("1 pull request merged by maya: shop#57.");
    }

    private static SearchHit hit(String id, long seq, String title) {
        Instant at = T0.plusSeconds(seq * 60);
        return new SearchHit(
                id,
                seq,
                "tool",
                "tool.thing.happened",
                title,
                null,
                at,
                null,
                1.0,
                1,
                1,
                List.of(),
                List.of(new Citation(id, seq, "tool.thing.happened", null, at)));
    }

    /** The log as a map: all the writer reads is events by id. */
    private record MapLog(Map<String, Event> events) implements EventLog {
        public List<Appended> append(TenantId tenant, List<IncomingDelivery> deliveries) {
            throw new UnsupportedOperationException();
        }

        public EventPage read(TenantId tenant, EventQuery query) {
            return new EventPage(List.copyOf(events.values()), 0, false);
        }

        public Optional<Event> find(TenantId tenant, String eventId) {
            return Optional.ofNullable(events.get(eventId));
        }

        public Optional<RawDelivery> findRaw(TenantId tenant, String deliveryId) {
            return Optional.empty();
        }

        public long lastSeq(TenantId tenant) {
            return events.size();
        }

        public void close() {}
    }
}
