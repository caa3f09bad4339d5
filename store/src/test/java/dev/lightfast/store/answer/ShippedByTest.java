package dev.lightfast.store.answer;

import static dev.lightfast.store.answer.SmallHistory.T;
import static dev.lightfast.store.answer.SmallHistory.ref;
import static dev.lightfast.store.answer.SmallHistory.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.ShippedBy;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.GraphFact.Describes;
import dev.lightfast.core.graph.GraphFact.Relates;
import dev.lightfast.core.graph.RelationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which deployment shipped a change, on a small history with a branch, a squash-merged pull request
 * and three environments: production deployed a later commit of main (inferred, after a failed
 * attempt), staging deployed the merge itself (asserted), and a preview of the pull request's own
 * branch shipped nothing once it was merged.
 */
class ShippedByTest {
    private static final EntityRef PRIYA = ref("person", "tool:priya", "priya");
    private static final EntityRef MAYA = ref("person", "tool:maya", "maya");
    private static final EntityRef REPO = ref("repository", "tool:shop", "shop");
    private static final EntityRef MAIN = ref("branch", "tool:shop/branch/main", "main");
    private static final EntityRef FEATURE = ref("branch", "tool:shop/branch/fix-retries", "fix-retries");
    private static final EntityRef PRODUCTION = ref("environment", "tool:shop/environments/production", "production");
    private static final EntityRef STAGING = ref("environment", "tool:shop/environments/staging", "staging");
    private static final EntityRef PREVIEW = ref("environment", "other:previews", "preview");
    private static final EntityRef ISSUE = ref("issue", "tool:shop/issues/41", "shop#41");
    private static final EntityRef PR = ref("pull_request", "tool:shop/pull/57", "shop#57");
    /** An issue of another tracker that the pull request names in its branch. */
    private static final EntityRef TRACKED = ref("issue", "tracker:ENG-7", "ENG-7");

    private static final EntityRef FIRST = commit("1111111111111111111111111111111111111111");
    private static final EntityRef HEAD = commit("2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a");
    private static final EntityRef MERGE = commit("3333333333333333333333333333333333333333");
    private static final EntityRef LATER = commit("4444444444444444444444444444444444444444");
    private static final EntityRef EARLY_DEPLOY = deployment(1, "production before the merge");
    private static final EntityRef PREVIEW_DEPLOY = deployment(2, "preview of the branch");
    private static final EntityRef STAGING_DEPLOY = deployment(3, "staging of the merge");
    private static final EntityRef FAILED_DEPLOY = deployment(4, "production, failed");
    private static final EntityRef PRODUCTION_DEPLOY = deployment(5, "production after the merge");
    private static final EntityRef RELEASE = ref("release", "tool:shop/releases/tag/v1.2.0", "v1.2.0");
    /** A release no deployment names: it was cut from main. */
    private static final EntityRef CUT = ref("release", "tool:shop/releases/tag/v1.2.0-rc", "v1.2.0-rc");

    @TempDir
    Path dir;

    private SmallHistory h;
    private long failedSeq;
    private long productionSeq;

    private static EntityRef commit(String sha) {
        return ref("commit", "git:" + sha, sha.substring(0, 7));
    }

    private static EntityRef deployment(int n, String what) {
        return ref("deployment", "tool:shop/deployments/" + n, "deployment " + n + " (" + what + ")");
    }

    @BeforeEach
    void history() {
        h = new SmallHistory(dir);
        h.at(
                1,
                "pushed 1111111 to main",
                PRIYA,
                MAIN,
                new Relates(RelationType.CONTAINS, MAIN, FIRST, t(1)),
                new Relates(RelationType.BELONGS_TO, FIRST, REPO, t(1)),
                new Relates(RelationType.BELONGS_TO, PRODUCTION, REPO, t(1)),
                new Relates(RelationType.BELONGS_TO, STAGING, REPO, t(1)));
        deploy(2, EARLY_DEPLOY, FIRST, PRODUCTION, "success", null);
        h.at(
                3,
                "opened shop#57 from fix-retries",
                PRIYA,
                PR,
                new Relates(RelationType.CONTAINS, FEATURE, HEAD, t(3)),
                new Relates(RelationType.AUTHORED, PRIYA, PR, t(3)),
                new Relates(RelationType.CONTAINS, PR, HEAD, t(3)),
                new Relates(RelationType.INTO_BRANCH, PR, MAIN, t(3)),
                new Relates(RelationType.FIXES, PR, ISSUE, t(3)),
                new Relates(RelationType.MENTIONS, PR, TRACKED, t(3)));
        deploy(4, PREVIEW_DEPLOY, HEAD, PREVIEW, "success", null);
        h.at(
                5,
                "pushed 3333333 to main",
                MAYA,
                MAIN,
                new Relates(RelationType.CONTAINS, MAIN, MERGE, t(5)),
                new Relates(RelationType.BELONGS_TO, MERGE, REPO, t(5)));
        h.at(
                6,
                "merged shop#57",
                MAYA,
                PR,
                new Relates(RelationType.MERGED, MAYA, PR, t(6)),
                new Relates(RelationType.CONTAINS, PR, MERGE, t(6)));
        deploy(7, STAGING_DEPLOY, MERGE, STAGING, "success", null);
        h.at(8, "pushed 4444444 to main", MAYA, MAIN, new Relates(RelationType.CONTAINS, MAIN, LATER, t(8)));
        h.at(9, "published v1.2.0", MAYA, RELEASE, new Describes(RELEASE, Map.of("tag", "v1.2.0"), t(9)));
        h.at(
                9,
                "published v1.2.0-rc from main",
                MAYA,
                CUT,
                new Describes(CUT, Map.of("tag", "v1.2.0-rc"), t(9)),
                new Relates(RelationType.BUILT_FROM, CUT, MAIN, t(9)));
        failedSeq = deploy(10, FAILED_DEPLOY, LATER, PRODUCTION, "failure", "v1.2.0");
        productionSeq = deploy(11, PRODUCTION_DEPLOY, LATER, PRODUCTION, "success", "v1.2.0");
    }

    private long deploy(int step, EntityRef deployment, EntityRef commit, EntityRef env, String state, String ref) {
        Map<String, Object> attributes = ref == null ? Map.of("state", state) : Map.of("state", state, "ref", ref);
        return h.at(
                step,
                "deployed " + commit.label() + " to " + env.label(),
                MAYA,
                deployment,
                new Relates(RelationType.DEPLOYED, deployment, commit, t(step)),
                new Relates(RelationType.DEPLOYED_TO, deployment, env, t(step)),
                new Relates(RelationType.DEPLOYED, MAYA, deployment, t(step)),
                new Describes(deployment, attributes, t(step)));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private List<ShippedBy.Shipment> shipped(EntityRef thing, AsOf asOf) {
        return new ShippedBy(h.storage.graph()).of(T, h.entity(thing), asOf);
    }

    private static List<String> deployments(List<ShippedBy.Shipment> shipments) {
        return shipments.stream().map(s -> s.deployment().name()).toList();
    }

    @Test
    void a_pull_request_ships_with_its_merge_the_first_deployment_per_environment_that_did_not_fail() {
        // Staging deployed the merge itself at t7; production deployed a later commit at t11.
        var shipments = shipped(PR, AsOf.NOW);
        assertThat(deployments(shipments)).containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());

        ShippedBy.Shipment staging = shipments.get(1);
        assertThat(staging.inferred()).isFalse();
        assertThat(staging.path()).extracting(Answer.Step::relation).containsExactly("contains", "deployed");
        assertThat(staging.link().basis()).isEqualTo(Answer.Step.ASSERTED);

        // Production first: that is where a change ships; staging, asserted, after it.
        ShippedBy.Shipment production = shipments.getFirst();
        assertThat(production.environment().name()).isEqualTo("production");
        assertThat(production.at()).isEqualTo(t(11));
        Answer.Step inferred = production.link();
        assertThat(inferred.basis()).isEqualTo(Answer.Step.INFERRED);
        assertThat(inferred.confidence()).isLessThan(1.0);
        assertThat(inferred.from().label()).isEqualTo(PRODUCTION_DEPLOY.label());
        assertThat(inferred.to().label()).isEqualTo("3333333");
        assertThat(inferred.rationale()).contains("4444444", "main", "failed");
        // Cited: the deployment's own event and the pushes that put both commits on main, in order.
        assertThat(inferred.citations()).hasSize(3);
        assertThat(inferred.citations()).extracting(c -> c.seq()).contains(productionSeq);
    }

    @Test
    void a_commit_of_the_merged_branch_ships_with_the_merge_not_with_its_preview() {
        assertThat(deployments(shipped(HEAD, AsOf.NOW)))
                .containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());
    }

    @Test
    void a_deployment_made_before_the_commit_existed_never_ships_it() {
        assertThat(deployments(shipped(MERGE, AsOf.NOW))).doesNotContain(EARLY_DEPLOY.label());
        // Production deployed it itself; staging's first deployment, of the merge, had it too.
        var first = shipped(FIRST, AsOf.NOW);
        assertThat(deployments(first)).containsExactly(EARLY_DEPLOY.label(), STAGING_DEPLOY.label());
        assertThat(first.getFirst().inferred()).isFalse();
        assertThat(first.get(1).inferred()).isTrue();
    }

    @Test
    void an_issue_ships_where_the_pull_request_that_fixes_it_ships() {
        var shipments = shipped(ISSUE, AsOf.NOW);
        assertThat(deployments(shipments)).containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());
        assertThat(shipments.getFirst().path().getFirst().relation()).isEqualTo("fixes");
    }

    @Test
    void another_tools_issue_ships_with_the_merged_pull_request_that_names_it_the_fix_marked_inferred() {
        var shipments = shipped(TRACKED, AsOf.NOW);
        assertThat(deployments(shipments)).containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());
        Answer.Step fix = shipments.getFirst().path().getFirst();
        assertThat(fix.relation()).isEqualTo("fixes");
        assertThat(fix.basis()).isEqualTo(Answer.Step.INFERRED);
        assertThat(fix.rationale()).contains("shop#57 names ENG-7");
    }

    @Test
    void a_release_is_deployed_by_the_deployment_that_names_its_tag_and_did_not_fail() {
        var shipments = shipped(RELEASE, AsOf.NOW);
        assertThat(deployments(shipments)).containsExactly(PRODUCTION_DEPLOY.label());
        assertThat(shipments.getFirst().link().basis()).isEqualTo(Answer.Step.INFERRED);
        assertThat(shipments.getFirst().link().rationale()).contains("v1.2.0");
    }

    @Test
    void a_release_no_deployment_names_ships_with_the_last_commit_of_the_branch_it_was_cut_from() {
        var shipments = shipped(CUT, AsOf.NOW);
        assertThat(deployments(shipments)).containsExactly(PRODUCTION_DEPLOY.label());
        Answer.Step cut = shipments.getFirst().path().getFirst();
        assertThat(cut.relation()).isEqualTo("built_from");
        assertThat(cut.basis()).isEqualTo(Answer.Step.INFERRED);
        assertThat(cut.to().label()).isEqualTo("4444444");
        assertThat(cut.rationale()).contains("main", "4444444");
    }

    @Test
    void as_of_before_the_production_deployment_only_staging_had_shipped_it() {
        assertThat(deployments(shipped(PR, AsOf.seq(failedSeq)))).containsExactly(STAGING_DEPLOY.label());
        assertThat(deployments(shipped(PR, AsOf.time(t(10))))).containsExactly(STAGING_DEPLOY.label());
    }

    @Test
    void answers_name_the_deployment_and_mark_the_inferred_link() {
        Answer a = h.answerer().answer(T, "Which deployment shipped PR #57?", AsOf.NOW, 10);
        assertThat(a.answer())
                .extracting(Answer.Value::label)
                .containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());
        assertThat(a.answer()).allSatisfy(v -> assertThat(v.citations()).isNotEmpty());
        assertThat(a.path()).anySatisfy(s -> {
            assertThat(s.basis()).isEqualTo("inferred");
            assertThat(s.rationale()).isNotBlank();
        });
        assertThat(a.path())
                .filteredOn(s -> !s.inferred())
                .allSatisfy(s -> assertThat(s.basis()).isEqualTo("asserted"));
        assertThat(a.summary().stream().map(Answer.Sentence::text)).anyMatch(t -> t.contains("inferred"));

        Answer production = h.answerer().answer(T, "Which deployment shipped PR #57 to production?", AsOf.NOW, 10);
        assertThat(production.answer()).extracting(Answer.Value::label).containsExactly(PRODUCTION_DEPLOY.label());

        Answer bySha = h.answerer().answer(T, "Which deploy shipped commit 2a2a2a2?", AsOf.NOW, 10);
        assertThat(bySha.answer())
                .extracting(Answer.Value::label)
                .containsExactly(PRODUCTION_DEPLOY.label(), STAGING_DEPLOY.label());
    }

    @Test
    void a_deployment_asked_about_ships_itself_cited_by_its_own_events() {
        assertThat(shipped(PRODUCTION_DEPLOY, AsOf.NOW)).singleElement().satisfies(s -> {
            assertThat(s.path()).isEmpty();
            assertThat(s.citations()).isNotEmpty();
        });
    }

    @Test
    void when_a_version_was_deployed_is_the_time_of_its_deployment() {
        Answer a = h.answerer().answer(T, "When was v1.2.0 deployed to production?", AsOf.NOW, 10);
        assertThat(a.answer()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("time");
            assertThat(v.at()).isEqualTo(t(11));
            assertThat(v.citations()).isNotEmpty();
        });
        assertThat(a.path()).isNotEmpty();
    }
}
