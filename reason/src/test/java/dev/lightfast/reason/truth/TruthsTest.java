package dev.lightfast.reason.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.OperatorClaims;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Truth by policy, decided from each voice's latest claim as the projection and the API decide it. */
class TruthsTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final EntityRef ENG = EntityRef.of("issue", "linear:ENG-134", "ENG-134");
    private static final EntityRef PR = EntityRef.of("pull_request", "github:acme/dash/pull/190", "acme/dash#190");
    private static final EntityRef PR2 = EntityRef.of("pull_request", "github:acme/api/pull/318", "acme/api#318");
    private static final EntityRef SERVICE = EntityRef.of("service", "service:dash", "dash");

    private final Truths truths = new Truths(null, TruthPolicies.defaults());
    private long seq;

    private Claim claim(
            String source,
            EntityRef about,
            ClaimAttribute a,
            String value,
            String stated,
            int minute,
            EntityRef via,
            boolean said) {
        seq++;
        var e = new Event(
                "ev" + seq,
                ACME,
                seq,
                source,
                source + ".thing.happened",
                T0.plusSeconds(minute * 60L),
                T0.plusSeconds(minute * 60L),
                EntityRef.of("person", source + ":someone", "someone"),
                List.of(about),
                "t",
                "",
                Map.of(),
                "https://" + source + "/" + seq,
                "raw",
                List.of(),
                null);
        String speaker = switch (source) {
            case "github" -> "GitHub";
            case "linear" -> "Linear";
            default -> source;
        };
        return ClaimProjection.claim(e, 0, new ClaimDraft(about, a, value, stated, e.occurredAt(), via, speaker, said));
    }

    private Truth decide(ClaimAttribute a, Claim... heads) {
        return truths.decide(ACME, a, List.of(heads)).orElseThrow();
    }

    @Test
    void the_code_host_wins_over_the_tracker_once_a_fixing_change_exists_and_the_rationale_names_both() {
        var open = claim(
                "github",
                ENG,
                ClaimAttribute.STATE,
                "in_review",
                "the pull request that fixes it is still open",
                5,
                PR,
                false);
        var done = claim("linear", ENG, ClaimAttribute.STATE, "done", "Done", 165, null, false);
        var t = decide(ClaimAttribute.STATE, open, done);
        assertThat(t.value()).isEqualTo("in_review");
        assertThat(t.winner()).isEqualTo(open);
        assertThat(t.conflict()).isTrue();
        assertThat(t.losers()).extracting(Truth.Loser::claim).containsExactly(done);
        assertThat(t.losers().getFirst().why()).contains("outranked");
        assertThat(t.rationale())
                .isEqualTo("GitHub says the pull request that fixes it is still open (acme/dash#190, 2026-11-20 14:05);"
                        + " Linear says Done (ENG-134, 2026-11-20 16:45); policy for state: the code host (once a fixing"
                        + " change exists) wins, then the tool the thing lives in, then another tool's observation, so"
                        + " state is in_review.");
        assertThat(t.citations())
                .extracting(c -> c.eventId())
                .containsExactly(open.citation().eventId(), done.citation().eventId());
    }

    @Test
    void the_work_is_not_done_while_any_fixing_change_is_open_and_a_change_closed_unmerged_says_nothing() {
        var merged = claim(
                "github", ENG, ClaimAttribute.STATE, "done", "the pull request that fixes it is merged", 1, PR2, false);
        var open = claim("github", ENG, ClaimAttribute.STATE, "in_review", "still open", 2, PR, false);
        assertThat(decide(ClaimAttribute.STATE, merged, open).value()).isEqualTo("in_review");
        var abandoned = claim("github", ENG, ClaimAttribute.STATE, "canceled", "closed without merging", 3, PR, false);
        var t = decide(ClaimAttribute.STATE, merged, abandoned);
        assertThat(t.value()).isEqualTo("done");
        assertThat(t.losers()).anySatisfy(l -> assertThat(l.why()).contains("closed without merging"));
    }

    @Test
    void tools_at_different_points_of_open_work_agree() {
        var review = claim("github", ENG, ClaimAttribute.STATE, "in_review", "open", 1, PR, false);
        var progress = claim("linear", ENG, ClaimAttribute.STATE, "in_progress", "In Progress", 2, null, false);
        var t = decide(ClaimAttribute.STATE, review, progress);
        assertThat(t.conflict()).isFalse();
        assertThat(t.rationale()).endsWith("they agree: state is in_review.");
    }

    @Test
    void an_operator_statement_wins_over_every_claim_made_before_it_but_not_over_later_ones() {
        var open = claim("github", ENG, ClaimAttribute.STATE, "in_review", "still open", 1, PR, false);
        var operator = claim(OperatorClaims.SOURCE, ENG, ClaimAttribute.STATE, "done", "done", 2, null, false);
        var t = decide(ClaimAttribute.STATE, open, operator);
        assertThat(t.value()).isEqualTo("done");
        assertThat(t.winner()).isEqualTo(operator);
        assertThat(t.conflict()).as("what the operator knew of stands down").isFalse();
        assertThat(t.losers())
                .singleElement()
                .satisfies(l -> assertThat(l.why()).contains("before the operator"));
        assertThat(t.rationale()).contains("stated done").contains("the operator's statement wins");
        var reopened = claim("github", ENG, ClaimAttribute.STATE, "in_review", "reopened", 3, PR, false);
        var later = decide(ClaimAttribute.STATE, reopened, operator);
        assertThat(later.conflict()).isTrue();
        assertThat(later.value()).as("the operator still ranks first").isEqualTo("done");
    }

    @Test
    void a_newer_report_of_what_runs_supersedes_an_older_one_and_reports_minutes_apart_that_differ_conflict() {
        var deployed = claim(
                "vercel",
                SERVICE,
                ClaimAttribute.PRODUCTION,
                "cc604c1836767aa7e2d74888fe2ee58cac2be118",
                "deployed cc604c1",
                4,
                null,
                false);
        var seen = claim(
                "sentry",
                SERVICE,
                ClaimAttribute.PRODUCTION,
                "cc604c1836767aa7e",
                "an error came from it",
                5,
                null,
                false);
        assertThat(decide(ClaimAttribute.PRODUCTION, deployed, seen).conflict())
                .as("a SHA and its prefix agree")
                .isFalse();
        var promoted = claim(
                "vercel",
                SERVICE,
                ClaimAttribute.PRODUCTION,
                "c5c51ec7d62b25cc95e185852d564f65505cc8d1",
                "promoted c5c51ec",
                44,
                null,
                false);
        var after = decide(ClaimAttribute.PRODUCTION, promoted, seen);
        assertThat(after.value()).startsWith("c5c51ec");
        assertThat(after.conflict()).isFalse();
        assertThat(after.rationale()).contains("supersedes");
        var stillSeen = claim(
                "sentry",
                SERVICE,
                ClaimAttribute.PRODUCTION,
                "cc604c1836767aa7e",
                "an error came from it",
                47,
                null,
                false);
        var both = decide(ClaimAttribute.PRODUCTION, promoted, stillSeen);
        assertThat(both.conflict())
                .as("errors from the old release three minutes after the rollback")
                .isTrue();
        assertThat(both.value()).as("newest wins").startsWith("cc604c1");
    }

    @Test
    void versions_compare_without_their_tool_prefix() {
        assertThat(ClaimAttribute.PRODUCTION.agree("payments-api@2.13.1", "v2.13.1"))
                .isTrue();
        assertThat(ClaimAttribute.PRODUCTION.agree("2.13.1", "2.13.2")).isFalse();
        assertThat(ClaimAttribute.STATE.agree("in_progress", "in_review")).isTrue();
        assertThat(ClaimAttribute.STATE.agree("done", "in_review")).isFalse();
    }

    @Test
    void what_a_person_said_is_shown_as_said_and_a_newer_word_supersedes_a_tools_older_one() {
        var shipped = claim("vercel", PR, ClaimAttribute.SHIPPED, "shipped", "deployed to production", 4, null, false);
        var back = claim("slack", PR, ClaimAttribute.SHIPPED, "rolled_back", "said \"rolled back\"", 70, null, true);
        var t = decide(ClaimAttribute.SHIPPED, shipped, back);
        assertThat(t.value()).isEqualTo("rolled_back");
        assertThat(t.rationale()).contains("slack said \"rolled back\"").contains("vercel says deployed to production");
    }

    @Test
    void a_policy_set_by_configuration_changes_the_verdict_for_every_tenant_or_one() {
        var open = claim("github", ENG, ClaimAttribute.STATE, "in_review", "still open", 5, PR, false);
        var done = claim("linear", ENG, ClaimAttribute.STATE, "done", "Done", 165, null, false);
        var recency = new Truths(
                null, TruthPolicies.parse("{\"tenants\": {\"acme\": {\"state\": {\"mode\": \"recency\"}}}}"));
        assertThat(recency.decide(ACME, ClaimAttribute.STATE, List.of(open, done))
                        .orElseThrow()
                        .value())
                .isEqualTo("done");
        assertThat(recency.decide(TenantId.of("globex"), ClaimAttribute.STATE, List.of(open, done))
                        .orElseThrow()
                        .value())
                .isEqualTo("in_review");
        var trackerFirst =
                new Truths(null, TruthPolicies.parse("{\"state\": {\"authority\": [\"owner\", \"fixing_change\"]}}"));
        assertThat(trackerFirst
                        .decide(ACME, ClaimAttribute.STATE, List.of(open, done))
                        .orElseThrow()
                        .value())
                .isEqualTo("done");
        assertThatThrownBy(() -> TruthPolicies.parse("{\"stat\": {}}")).hasMessageContaining("not an attribute");
        assertThatThrownBy(() -> TruthPolicies.parse("{\"state\": {\"mode\": \"loudest\"}}"))
                .hasMessageContaining("authority or recency");
        assertThatThrownBy(() -> TruthPolicies.parse("{\"state\": {\"authority\": [\"boss\"]}}"))
                .hasMessageContaining("not a role");
    }

    @Test
    void claims_are_read_as_of_a_point_so_what_was_believed_then_is_what_truth_answers() {
        var store = new ListClaimStore();
        var open = claim("github", ENG, ClaimAttribute.STATE, "in_review", "still open", 5, PR, false);
        var done = claim("linear", ENG, ClaimAttribute.STATE, "done", "Done", 165, null, false);
        store.add(open);
        store.add(done);
        var read = new Truths(store, TruthPolicies.defaults());
        var before =
                read.of(ACME, open.entityId(), ClaimAttribute.STATE, dev.lightfast.core.graph.AsOf.seq(open.seq()));
        assertThat(before).singleElement().satisfies(t -> {
            assertThat(t.value()).isEqualTo("in_review");
            assertThat(t.conflict()).isFalse();
        });
        var now = read.of(ACME, open.entityId(), null, dev.lightfast.core.graph.AsOf.NOW);
        assertThat(now).singleElement().satisfies(t -> assertThat(t.conflict()).isTrue());
        var byTime = read.of(ACME, open.entityId(), null, dev.lightfast.core.graph.AsOf.time(T0.plusSeconds(3600)));
        assertThat(byTime)
                .singleElement()
                .satisfies(t -> assertThat(t.conflict()).isFalse());
    }

    /** Claims kept in a list: enough for reading truths. */
    static final class ListClaimStore implements dev.lightfast.core.claim.ClaimStore {
        private final List<Claim> claims = new ArrayList<>();

        void add(Claim c) {
            claims.add(c);
        }

        @Override
        public long checkpoint(TenantId tenant) {
            return 0;
        }

        @Override
        public boolean apply(TenantId tenant, dev.lightfast.core.claim.ClaimDelta delta) {
            claims.addAll(delta.claims());
            return true;
        }

        @Override
        public List<Claim> claims(TenantId tenant, String entityId, String attribute) {
            return claims.stream()
                    .filter(c -> c.entityId().equals(entityId)
                            && (attribute == null || c.attribute().equals(attribute)))
                    .toList();
        }

        @Override
        public List<Claim> heads(TenantId tenant) {
            return List.of();
        }

        @Override
        public List<dev.lightfast.core.claim.Conflict> open(TenantId tenant) {
            return List.of();
        }

        @Override
        public dev.lightfast.core.claim.ConflictPage conflicts(
                TenantId tenant, dev.lightfast.core.claim.ConflictQuery query) {
            return new dev.lightfast.core.claim.ConflictPage(List.of(), null);
        }

        @Override
        public java.util.Optional<EntityRef> entity(TenantId tenant, String entityId) {
            return java.util.Optional.empty();
        }

        @Override
        public void reset(TenantId tenant) {
            claims.clear();
        }
    }
}
