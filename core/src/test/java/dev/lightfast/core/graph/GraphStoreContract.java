package dev.lightfast.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GraphStore} must do: bitemporal reads, citations, identity merges with their
 * evidence, idempotent resumable application, rebuild, and tenant isolation. Each store's test
 * extends this with a fresh, empty store per test.
 */
public abstract class GraphStoreContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final EntityRef PR = EntityRef.of("pull_request", "github:o/r/pull/1", "o/r#1");
    private static final EntityRef ISSUE = EntityRef.of("issue", "github:o/r/issues/7", "o/r#7");
    private static final EntityRef ALICE = EntityRef.of("person", "github:alice", "alice");
    private static final EntityRef BOB = EntityRef.of("person", "github:bob", "bob");
    private static final EntityRef BOB_EMAIL = EntityRef.of("person", "email:bob@example.com", "Bob B");

    /** An empty store, the same instance for the whole test method. */
    protected abstract GraphStore graph();

    private static Event event(long seq, String type, EntityRef actor, List<EntityRef> subjects) {
        return new Event(
                "ev" + seq,
                ACME,
                seq,
                "github",
                type,
                T0.plusSeconds(seq * 60),
                T0.plusSeconds(seq * 60),
                actor,
                subjects,
                "title " + seq,
                "",
                Map.of(),
                "https://github.com/o/r/" + seq,
                "dl" + seq,
                List.of(),
                "k" + seq);
    }

    private static GraphStore.Projected projected(Event e, GraphFact... facts) {
        return new GraphStore.Projected(e, List.of(facts));
    }

    private Instant at(long seq) {
        return T0.plusSeconds(seq * 60);
    }

    /** A PR opened (1), reviewed (2), review request withdrawn... and merged (3). */
    private void history(TenantId tenant) {
        var opened = event(1, "github.pull_request.opened", ALICE, List.of(PR));
        var reviewed = event(2, "github.pull_request_review.submitted", BOB, List.of(PR));
        var merged = event(3, "github.pull_request.merged", ALICE, List.of(PR));
        graph().apply(
                        tenant,
                        List.of(
                                projected(
                                        opened,
                                        new GraphFact.Describes(
                                                PR, Map.of("state", "open", "title", "Fix login"), at(1)),
                                        new GraphFact.Relates(RelationType.OPENED, ALICE, PR, at(1)),
                                        new GraphFact.Relates(RelationType.FIXES, PR, ISSUE, at(1)),
                                        new GraphFact.Relates(RelationType.REVIEW_REQUESTED, PR, BOB, at(1))),
                                projected(
                                        reviewed,
                                        new GraphFact.Relates(RelationType.REVIEWED, BOB, PR, at(2)),
                                        new GraphFact.Ends(RelationType.REVIEW_REQUESTED, PR, BOB, at(2))),
                                projected(
                                        merged,
                                        new GraphFact.Describes(PR, Map.of("state", "merged"), at(3)),
                                        new GraphFact.Relates(RelationType.MERGED, ALICE, PR, at(3)))));
    }

    private static String id(EntityRef ref) {
        return EntityIds.of(ref);
    }

    @Test
    void anEntityFoldsItsAttributesAsOfASeq() {
        history(ACME);
        assertThat(graph().entity(ACME, id(PR), AsOf.NOW).orElseThrow().attributes())
                .containsEntry("state", "merged")
                .containsEntry("title", "Fix login");
        assertThat(graph().entity(ACME, id(PR), AsOf.seq(2)).orElseThrow().attributes())
                .containsEntry("state", "open");
        assertThat(graph().entity(ACME, id(PR), AsOf.seq(0))).isEmpty();
        assertThat(graph().entity(ACME, id(PR), AsOf.time(at(2))).orElseThrow().attributes())
                .containsEntry("state", "open");
    }

    @Test
    void relationsAreCitedAndBitemporal() {
        history(ACME);
        var now = graph().relations(ACME, id(PR), AsOf.NOW, Set.of());
        assertThat(now)
                .extracting(Relation::type)
                .containsExactlyInAnyOrder("opened", "fixes", "review_requested", "reviewed", "merged");
        var request = now.stream()
                .filter(r -> r.type().equals("review_requested"))
                .findFirst()
                .orElseThrow();
        assertThat(request.validTo()).isEqualTo(at(2));
        assertThat(request.endedSeq()).isEqualTo(2L);
        assertThat(request.citations()).extracting(Citation::eventId).containsExactly("ev1", "ev2");

        var before = graph().relations(ACME, id(PR), AsOf.seq(1), Set.of());
        assertThat(before).extracting(Relation::type).containsExactlyInAnyOrder("opened", "fixes", "review_requested");
        assertThat(before.stream()
                        .filter(r -> r.type().equals("review_requested"))
                        .findFirst()
                        .orElseThrow()
                        .validTo())
                .isNull();
        assertThat(graph().relations(ACME, id(PR), AsOf.NOW, Set.of("reviewed")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.from()).isEqualTo(id(BOB));
                    assertThat(r.citations()).extracting(Citation::url).containsExactly("https://github.com/o/r/2");
                });
    }

    @Test
    void aRelationAssertedAgainAfterItEndedStartsANewStretch() {
        graph().apply(
                        ACME,
                        List.of(
                                projected(
                                        event(1, "x", null, List.of(PR)),
                                        new GraphFact.Relates(RelationType.ASSIGNED_TO, PR, BOB, at(1))),
                                projected(
                                        event(2, "x", null, List.of(PR)),
                                        new GraphFact.Ends(RelationType.ASSIGNED_TO, PR, BOB, at(2))),
                                projected(
                                        event(3, "x", null, List.of(PR)),
                                        new GraphFact.Relates(RelationType.ASSIGNED_TO, PR, BOB, at(3)))));
        var stretches = graph().relations(ACME, id(PR), AsOf.NOW, Set.of("assigned_to"));
        assertThat(stretches).extracting(Relation::recordedSeq).containsExactlyInAnyOrder(1L, 3L);
        assertThat(stretches)
                .filteredOn(r -> r.recordedSeq() == 3)
                .singleElement()
                .satisfies(r -> assertThat(r.current()).isTrue());
    }

    @Test
    void theTimelineListsCitingEventsInSeqOrderWithACursor() {
        history(ACME);
        assertThat(graph().timeline(ACME, id(PR), AsOf.NOW, 0, 10))
                .extracting(Citation::seq)
                .containsExactly(1L, 2L, 3L);
        assertThat(graph().timeline(ACME, id(PR), AsOf.NOW, 1, 1))
                .extracting(Citation::seq)
                .containsExactly(2L);
        assertThat(graph().timeline(ACME, id(PR), AsOf.seq(2), 0, 10))
                .extracting(Citation::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void peopleSharingAJoiningAliasAreMergedWithTheEvidence() {
        graph().apply(
                        ACME,
                        List.of(
                                projected(
                                        event(1, "x", BOB, List.of(PR)),
                                        new GraphFact.Identifies(
                                                BOB, new Alias("github_id", "42"), "GitHub sent bob with id 42")),
                                projected(
                                        event(2, "x", null, List.of()),
                                        new GraphFact.Identifies(
                                                BOB_EMAIL,
                                                Alias.email("Bob@Example.com"),
                                                "commit abc by bob@example.com")),
                                projected(
                                        event(3, "x", null, List.of()),
                                        new GraphFact.Identifies(
                                                BOB,
                                                Alias.email("bob@example.com"),
                                                "commit def by bob with bob@example.com"))));
        Entity bob = graph().entity(ACME, id(BOB_EMAIL), AsOf.NOW).orElseThrow();
        assertThat(bob.id()).isEqualTo(id(BOB)); // the earlier-seen person absorbs the later one
        assertThat(bob.mergedIds()).containsExactly(id(BOB_EMAIL));
        assertThat(bob.aliases()).extracting(Entity.AliasEvidence::value).contains("42", "bob@example.com");
        // Before the evidence arrived they were two people.
        assertThat(graph().entity(ACME, id(BOB_EMAIL), AsOf.seq(2))
                        .orElseThrow()
                        .id())
                .isEqualTo(id(BOB_EMAIL));
    }

    @Test
    void aSharedNameNeverMergesPeople() {
        graph().apply(
                        ACME,
                        List.of(
                                projected(
                                        event(1, "x", ALICE, List.of()),
                                        new GraphFact.Identifies(ALICE, Alias.name("Sam"), "named Sam")),
                                projected(
                                        event(2, "x", BOB, List.of()),
                                        new GraphFact.Identifies(BOB, Alias.name("Sam"), "named Sam"))));
        assertThat(graph().entity(ACME, id(BOB), AsOf.NOW).orElseThrow().id()).isEqualTo(id(BOB));
        assertThat(graph().entity(ACME, id(ALICE), AsOf.NOW).orElseThrow().mergedIds())
                .isNull();
    }

    @Test
    void applyingIsIdempotentAndResumable() {
        history(ACME);
        assertThat(graph().checkpoint(ACME)).isEqualTo(3);
        history(ACME); // a retried batch changes nothing
        var relations = graph().relations(ACME, id(PR), AsOf.NOW, Set.of("opened"));
        assertThat(relations)
                .singleElement()
                .satisfies(r -> assertThat(r.citations()).hasSize(1));
        assertThat(graph().timeline(ACME, id(PR), AsOf.NOW, 0, 10)).hasSize(3);
    }

    @Test
    void resetForgetsOnlyThatTenant() {
        history(ACME);
        history(GLOBEX);
        graph().reset(ACME);
        assertThat(graph().checkpoint(ACME)).isZero();
        assertThat(graph().entity(ACME, id(PR), AsOf.NOW)).isEmpty();
        assertThat(graph().entity(GLOBEX, id(PR), AsOf.NOW)).isPresent();
    }

    @Test
    void tenantsNeverSeeEachOther() {
        history(ACME);
        assertThat(graph().entity(GLOBEX, id(PR), AsOf.NOW)).isEmpty();
        assertThat(graph().relations(GLOBEX, id(PR), AsOf.NOW, Set.of())).isEmpty();
        assertThat(graph().timeline(GLOBEX, id(PR), AsOf.NOW, 0, 10)).isEmpty();
        assertThat(graph().find(GLOBEX, "o/r", null, 10)).isEmpty();
        assertThat(graph().checkpoint(GLOBEX)).isZero();
    }

    @Test
    void findMatchesNamesAndKeys() {
        history(ACME);
        assertThat(graph().find(ACME, "O/R#1", null, 10)).extracting(Entity::id).contains(id(PR));
        assertThat(graph().find(ACME, "alice", "person", 10))
                .extracting(Entity::id)
                .containsExactly(id(ALICE));
        assertThat(graph().find(ACME, "100%_", null, 10)).isEmpty();
        List<String> kinds = new ArrayList<>();
        graph().find(ACME, "o/r", null, 10).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).contains("pull_request", "issue");
    }

    @Test
    void findRanksTheSameWayOnEveryCallSoLongerLimitsExtendShorterOnes() {
        List<EntityRef> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(EntityRef.of("issue", "github:o/r/issues/" + (100 + i), "o/r#" + (100 + i)));
        }
        // One event names them all, so they share their last seq: only the tie-break orders them.
        graph().apply(ACME, List.of(projected(event(1, "x", ALICE, many))));
        List<String> full =
                graph().find(ACME, "o/r#1", "issue", 8).stream().map(Entity::id).toList();
        assertThat(full).hasSize(8);
        for (int k = 1; k <= 8; k++) {
            assertThat(graph().find(ACME, "o/r#1", "issue", k))
                    .extracting(Entity::id)
                    .isEqualTo(full.subList(0, k));
        }
    }

    /**
     * The writer folds a page into one row per entity and keeps open stretches and alias owners in
     * memory while it plays the page: the graph must read as if each event had been applied alone.
     */
    @Test
    void aPageAppliedAtOnceReadsAsTheSameEventsAppliedOneByOne() {
        var bobAgain = EntityRef.of("person", "github:bob", "Bob Builder"); // a label for a bare key
        var bobBare = EntityRef.of("person", "github:bob", "github:bob");
        List<GraphStore.Projected> page = List.of(
                projected(
                        event(1, "x", ALICE, List.of(PR)),
                        new GraphFact.Describes(PR, Map.of("state", "open"), at(1)),
                        new GraphFact.Relates(RelationType.REVIEW_REQUESTED, PR, BOB, at(1)),
                        new GraphFact.Identifies(ALICE, Alias.email("a@example.com"), "alice's commit")),
                projected(
                        event(2, "x", bobAgain, List.of(PR)),
                        new GraphFact.Relates(RelationType.REVIEW_REQUESTED, PR, BOB, at(2)),
                        new GraphFact.Ends(RelationType.REVIEW_REQUESTED, PR, BOB, at(2)),
                        new GraphFact.Relates(RelationType.REVIEWED, BOB, PR, at(2))),
                projected(
                        event(3, "x", bobBare, List.of(PR, ISSUE)),
                        new GraphFact.Describes(PR, Map.of("state", "merged"), at(3)),
                        new GraphFact.Relates(RelationType.REVIEW_REQUESTED, PR, BOB, at(3)),
                        new GraphFact.Relates(RelationType.FIXES, PR, ISSUE, at(3)),
                        new GraphFact.Relates(RelationType.FIXES, PR, ISSUE, at(3)),
                        new GraphFact.Identifies(BOB_EMAIL, Alias.email("a@example.com"), "commit by a@")),
                projected(
                        event(4, "x", BOB_EMAIL, List.of(ISSUE)),
                        new GraphFact.Relates(RelationType.FIXES, PR, ISSUE, at(4)),
                        new GraphFact.Ends(RelationType.REVIEW_REQUESTED, PR, BOB, at(4))));
        graph().apply(ACME, page);
        for (var p : page) {
            graph().apply(GLOBEX, List.of(p));
        }
        assertThat(graph().checkpoint(ACME)).isEqualTo(4).isEqualTo(graph().checkpoint(GLOBEX));
        for (var ref : List.of(PR, ISSUE, ALICE, BOB, BOB_EMAIL)) {
            for (var asOf : List.of(AsOf.NOW, AsOf.seq(1), AsOf.seq(2), AsOf.seq(3), AsOf.time(at(2)))) {
                assertThat(graph().entity(ACME, id(ref), asOf))
                        .as("%s as of %s", ref.key(), asOf)
                        .isEqualTo(graph().entity(GLOBEX, id(ref), asOf));
                assertThat(graph().relations(ACME, id(ref), asOf, Set.of()))
                        .as("relations of %s as of %s", ref.key(), asOf)
                        .containsExactlyInAnyOrderElementsOf(graph().relations(GLOBEX, id(ref), asOf, Set.of()));
                assertThat(graph().timeline(ACME, id(ref), asOf, 0, 10))
                        .isEqualTo(graph().timeline(GLOBEX, id(ref), asOf, 0, 10));
            }
        }
        // The last label seen (event 4's "bob"); event 3's bare key replaced none.
        assertThat(graph().entity(ACME, id(BOB), AsOf.NOW).orElseThrow().name()).isEqualTo("bob");
        var requests = graph().relations(ACME, id(PR), AsOf.NOW, Set.of("review_requested"));
        assertThat(requests)
                .extracting(Relation::recordedSeq, Relation::endedSeq)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, 2L), org.assertj.core.groups.Tuple.tuple(3L, 4L));
        assertThat(graph().relations(ACME, id(PR), AsOf.NOW, Set.of("fixes")))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.citations()).extracting(Citation::eventId).containsExactly("ev3", "ev4"));
    }
}
