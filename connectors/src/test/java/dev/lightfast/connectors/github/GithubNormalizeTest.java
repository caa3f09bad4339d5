package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lightfast.connectors.github.GithubFixtures.Fixture;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Payload → canonical events, over GitHub's own examples. */
class GithubNormalizeTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    private static final String REPO = "github:Codertocat/Hello-World";

    private final GithubConnector connector = new GithubConnector();

    private static ObjectNode payload(String path) {
        return (ObjectNode) Json.MAPPER.readTree(GithubFixtures.get(path).body());
    }

    private List<EventDraft> normalize(String event, JsonNode payload) {
        return connector.normalize("d-1", event, payload, RECEIVED);
    }

    private List<EventDraft> normalize(String path) {
        return normalize(GithubFixtures.get(path).event(), payload(path));
    }

    private EventDraft single(String path) {
        List<EventDraft> drafts = normalize(path);
        assertThat(drafts).hasSize(1);
        return drafts.getFirst();
    }

    private static List<String> keys(EventDraft draft) {
        return draft.subjects().stream().map(EntityRef::key).toList();
    }

    @Test
    void every_example_becomes_well_formed_events() {
        for (Fixture f : GithubFixtures.all()) {
            JsonNode payload = Json.MAPPER.readTree(f.body());
            List<EventDraft> drafts = connector.normalize("d-" + f.path(), f.event(), payload, RECEIVED);

            assertThat(drafts).as(f.path()).isNotEmpty();
            Set<String> keys = new HashSet<>();
            for (EventDraft draft : drafts) {
                assertThat(draft.source()).as(f.path()).isEqualTo("github");
                assertThat(draft.type()).as(f.path()).startsWith("github.");
                assertThat(draft.title()).as(f.path()).isNotBlank();
                // A change a backfill can also read from the API is keyed by the object and its change
                // (GithubStateKeys), anything else by the delivery.
                assertThat(draft.idempotencyKey())
                        .as(f.path())
                        .satisfiesAnyOf(
                                k -> assertThat(k).startsWith("d-" + f.path()),
                                k -> assertThat(k).startsWith("github:"));
                assertThat(keys.add(draft.idempotencyKey()))
                        .as(f.path() + " duplicate key " + draft.idempotencyKey())
                        .isTrue();
                assertThat(draft.attributes()).as(f.path()).doesNotContainKey("normalize_error");
                if (payload.path("repository").path("full_name").isString()) {
                    assertThat(keys(draft))
                            .as(f.path())
                            .contains("github:"
                                    + payload.path("repository")
                                            .path("full_name")
                                            .asString());
                }
                if (payload.path("sender").path("login").isString()
                        && !draft.type().equals("github.commit.pushed")) {
                    assertThat(draft.actor())
                            .as(f.path())
                            .isEqualTo(EntityRef.of(
                                    "person",
                                    "github:"
                                            + payload.path("sender")
                                                    .path("login")
                                                    .asString(),
                                    payload.path("sender").path("login").asString()));
                }
            }
            assertThat(drafts.getFirst().idempotencyKey())
                    .as(f.path())
                    .isIn(
                            "d-" + f.path(),
                            GithubStateKeys.key(
                                    new GithubDelivery("d-" + f.path(), f.event(), payload, RECEIVED),
                                    drafts.getFirst()));
        }
    }

    @Test
    void every_normalized_event_family_has_a_canonical_type_and_a_payload_time() {
        for (Fixture f : GithubFixtures.all()) {
            if (!GithubConnector.normalizedEvents().contains(f.event())
                    || f.event().equals("member")
                    || f.event().equals("release")) {
                continue;
            }
            for (EventDraft draft : normalize(f.event(), Json.MAPPER.readTree(f.body()))) {
                assertThat(draft.occurredAt()).as(f.path() + " " + draft.type()).isNotEqualTo(RECEIVED);
                assertThat(draft.url()).as(f.path() + " " + draft.type()).startsWith("http");
            }
        }
    }

    @Test
    void a_push_is_one_push_event_then_one_event_per_commit() {
        List<EventDraft> drafts = normalize("push/04.json");

        assertThat(drafts).extracting(EventDraft::type).containsExactly("github.push", "github.commit.pushed");
        EventDraft push = drafts.get(0);
        assertThat(push.title()).isEqualTo("Codertocat pushed 1 commit to master in Codertocat/Hello-World");
        assertThat(keys(push))
                .containsExactly(REPO, REPO + "/branch/master", "git:6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(push.attributes())
                .containsEntry("ref", "refs/heads/master")
                .containsEntry("branch", "master")
                .containsEntry("created", true)
                .containsEntry("forced", false)
                .containsEntry("deleted", false)
                .containsEntry("commit_count", 1)
                .containsEntry("after", "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(push.occurredAt()).isEqualTo(Instant.ofEpochSecond(1557933657));
        assertThat(push.idempotencyKey()).isEqualTo("d-1");

        EventDraft commit = drafts.get(1);
        assertThat(commit.title()).isEqualTo("Initial commit");
        assertThat(commit.body()).isEqualTo("Initial commit");
        assertThat(commit.actor().key()).isEqualTo("github:Codertocat");
        assertThat(keys(commit))
                .contains("git:6113728f27ae82c7b1a177c8d03f9e96e0adf246", REPO, REPO + "/branch/master");
        assertThat(commit.url())
                .isEqualTo("https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(commit.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:19:25Z"));
        // Keyed by the commit reaching the branch, so a backfill of the branch's commits adds nothing.
        assertThat(commit.idempotencyKey())
                .isEqualTo(
                        "github:Codertocat/Hello-World/refs/heads/master/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(commit.attributes()).containsEntry("added", List.of("README.md"));
    }

    @Test
    void a_push_of_several_commits_keeps_their_order_and_skips_repeats() {
        ObjectNode payload = payload("push/04.json");
        var commits = (tools.jackson.databind.node.ArrayNode) payload.get("commits");
        ObjectNode second = (ObjectNode) commits.get(0).deepCopy();
        second.put("id", "a".repeat(40));
        second.put("message", "Fix the build\n\nThe cache key was wrong.");
        second.put("timestamp", "2019-05-15T08:30:00-07:00");
        ((ObjectNode) second.path("author")).remove("username");
        ObjectNode third = (ObjectNode) commits.get(0).deepCopy();
        third.put("id", "b".repeat(40));
        third.put("message", "Add tests");
        ((ObjectNode) third.path("author")).put("username", "octocat");
        commits.add(second).add(third).add(second.deepCopy());
        payload.put("forced", true).put("created", false);

        List<EventDraft> drafts = normalize("push", payload);

        assertThat(drafts)
                .extracting(EventDraft::type)
                .containsExactly("github.push", "github.commit.pushed", "github.commit.pushed", "github.commit.pushed");
        assertThat(drafts.get(0).title())
                .isEqualTo("Codertocat force-pushed 3 commits to master in Codertocat/Hello-World");
        assertThat(drafts.get(0).attributes()).containsEntry("commit_count", 3);
        assertThat(keys(drafts.get(0)))
                .contains(
                        "git:6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                        "git:" + "a".repeat(40),
                        "git:" + "b".repeat(40));
        assertThat(drafts.get(0).body()).contains("Fix the build", "Add tests");
        assertThat(drafts.subList(1, 4))
                .extracting(EventDraft::idempotencyKey)
                .containsExactly(
                        "github:Codertocat/Hello-World/refs/heads/master/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                        "github:Codertocat/Hello-World/refs/heads/master/commit/" + "a".repeat(40),
                        "github:Codertocat/Hello-World/refs/heads/master/commit/" + "b".repeat(40));
        EventDraft noUsername = drafts.get(2);
        assertThat(noUsername.title()).isEqualTo("Fix the build");
        assertThat(noUsername.body()).contains("The cache key was wrong.");
        assertThat(noUsername.actor().key()).isEqualTo("github:Codertocat");
        assertThat(noUsername.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:30:00Z"));
        assertThat(drafts.get(3).actor().key()).isEqualTo("github:octocat");
    }

    @Test
    void a_tag_push_without_commits_is_still_a_push() {
        List<EventDraft> drafts = normalize("push/00.json");

        assertThat(drafts).singleElement().satisfies(push -> {
            assertThat(push.type()).isEqualTo("github.push");
            assertThat(push.title()).isEqualTo("Codertocat pushed new tag simple-tag in Codertocat/Hello-World");
            assertThat(keys(push)).contains(REPO + "/tag/simple-tag");
            assertThat(push.attributes()).containsEntry("ref_type", "tag").containsEntry("commit_count", 0);
        });
    }

    @Test
    void a_deleting_push_is_still_a_push() {
        EventDraft push = single("push/01.json");

        assertThat(push.type()).isEqualTo("github.push");
        assertThat(push.title()).isEqualTo("Codertocat deleted tag simple-tag in Codertocat/Hello-World");
        assertThat(push.attributes()).containsEntry("deleted", true);
        assertThat(push.url()).isEqualTo("https://github.com/Codertocat/Hello-World");
    }

    @Test
    void a_closed_pull_request_that_was_not_merged_is_closed() {
        EventDraft closed = single("pull_request/03-closed.json");

        assertThat(closed.type()).isEqualTo("github.pull_request.closed");
        assertThat(closed.title())
                .isEqualTo("Codertocat closed pull request #2 in Codertocat/Hello-World: Update the README with"
                        + " new information.");
        assertThat(closed.body()).isEqualTo("This is a pretty simple change that we need to pull into master.");
        assertThat(closed.url()).isEqualTo("https://github.com/Codertocat/Hello-World/pull/2");
        assertThat(closed.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:21:18Z"));
        assertThat(keys(closed))
                .contains(
                        REPO, REPO + "/pull/2", "github:Codertocat", REPO + "/branch/changes", REPO + "/branch/master");
        assertThat(closed.attributes())
                .containsEntry("number", 2L)
                .containsEntry("state", "closed")
                .containsEntry("merged", false)
                .containsEntry("base_branch", "master")
                .containsEntry("head_branch", "changes")
                .containsEntry("additions", 1L)
                .containsEntry("labels", List.of("bug"));
    }

    @Test
    void a_closed_pull_request_that_was_merged_is_merged() {
        ObjectNode payload = payload("pull_request/03-closed.json");
        ((ObjectNode) payload.path("pull_request")).put("merged", true).put("merged_at", "2019-05-15T15:21:17Z");

        EventDraft merged = normalize("pull_request", payload).getFirst();

        assertThat(merged.type()).isEqualTo("github.pull_request.merged");
        assertThat(merged.title()).startsWith("Codertocat merged pull request #2 in Codertocat/Hello-World");
        assertThat(merged.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:21:17Z"));
        assertThat(merged.attributes())
                .containsEntry("merged", true)
                .containsEntry("merge_commit_sha", "c4295bd74fb0f4fda03689c3df3f2803b658fd85");
        assertThat(keys(merged)).contains("git:c4295bd74fb0f4fda03689c3df3f2803b658fd85");
    }

    @Test
    void opened_pull_requests_are_opened_at_creation() {
        EventDraft opened = single("pull_request/00-opened.json");

        assertThat(opened.type()).isEqualTo("github.pull_request.opened");
        assertThat(opened.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:33Z"));
        assertThat(keys(opened)).contains("git:ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    }

    @Test
    void a_review_request_names_the_requested_reviewer() {
        EventDraft requested = single("pull_request/21-review_requested.json");

        assertThat(requested.type()).isEqualTo("github.pull_request.review_requested");
        assertThat(requested.title()).startsWith("Codertocat requested a review on pull request #2 (reviewer octocat)");
        assertThat(requested.subjects()).contains(EntityRef.of("person", "github:octocat", "octocat"));
        assertThat(requested.attributes()).containsEntry("requested_reviewer", "octocat");
    }

    @Test
    void other_pull_request_actions_keep_their_names() {
        assertThat(single("pull_request/08-labeled.json").type()).isEqualTo("github.pull_request.labeled");
        assertThat(single("pull_request/22-synchronize.json").type()).isEqualTo("github.pull_request.synchronize");
        assertThat(single("pull_request/15-ready_for_review.json").title())
                .startsWith("Codertocat marked pull request #2 ready for review");
        EventDraft assigned = single("pull_request/01-assigned.json");
        assertThat(assigned.type()).isEqualTo("github.pull_request.assigned");
        assertThat(assigned.attributes()).containsEntry("assignee", "Codertocat");
    }

    @Test
    void a_review_carries_its_state() {
        EventDraft review = single("pull_request_review/00-submitted.json");

        assertThat(review.type()).isEqualTo("github.pull_request_review.submitted");
        assertThat(review.attributes()).containsEntry("state", "commented").containsEntry("number", 2L);
        assertThat(keys(review)).contains(REPO + "/pull/2", "git:ec26c3e57ca3a959ca5aad62de7213c562f8c821");
        assertThat(review.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:38Z"));
        assertThat(review.url())
                .isEqualTo("https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-237895671");
    }

    @Test
    void an_approving_review_says_so() {
        ObjectNode payload = payload("pull_request_review/00-submitted.json");
        ((ObjectNode) payload.path("review")).put("state", "APPROVED");

        EventDraft review = normalize("pull_request_review", payload).getFirst();

        assertThat(review.attributes()).containsEntry("state", "approved");
        assertThat(review.title()).startsWith("Codertocat approved pull request #2");
    }

    @Test
    void a_review_comment_points_at_its_file() {
        EventDraft comment = single("pull_request_review_comment/00-created.json");

        assertThat(comment.type()).isEqualTo("github.pull_request_review_comment.created");
        assertThat(comment.body()).isEqualTo("Maybe you should use more emoji on this line.");
        assertThat(comment.attributes()).containsEntry("path", "README.md");
        assertThat(comment.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:37Z"));
    }

    @Test
    void an_opened_issue_is_about_the_issue() {
        EventDraft opened = single("issues/15-opened.json");

        assertThat(opened.type()).isEqualTo("github.issue.opened");
        assertThat(opened.title())
                .isEqualTo(
                        "Codertocat opened issue #1 in Codertocat/Hello-World: Spelling error in the README" + " file");
        assertThat(opened.body()).isNotBlank();
        assertThat(keys(opened)).contains(REPO, REPO + "/issues/1");
        assertThat(opened.url()).isEqualTo("https://github.com/Codertocat/Hello-World/issues/1");
        assertThat(opened.attributes()).containsEntry("number", 1L).containsEntry("state", "open");
    }

    @Test
    void issue_actions_keep_their_names() {
        assertThat(single("issues/09-labeled.json")).satisfies(d -> {
            assertThat(d.type()).isEqualTo("github.issue.labeled");
            assertThat(d.attributes()).containsEntry("label", "bug");
        });
        assertThat(single("issues/20-reopened.json").type()).isEqualTo("github.issue.reopened");
        assertThat(single("issues/04-deleted.json").type()).isEqualTo("github.issue.deleted");
    }

    @Test
    void an_issue_comment_is_about_the_issue() {
        EventDraft comment = single("issue_comment/00-created.json");

        assertThat(comment.type()).isEqualTo("github.issue_comment.created");
        assertThat(comment.title()).startsWith("Codertocat commented on issue #1 in Codertocat/Hello-World");
        assertThat(keys(comment)).contains(REPO + "/issues/1");
        assertThat(comment.attributes()).containsEntry("on_pull_request", false);
        assertThat(comment.url())
                .isEqualTo("https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400");
        assertThat(comment.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:21Z"));
    }

    @Test
    void an_issue_comment_on_a_pull_request_is_about_the_pull_request() {
        ObjectNode payload = payload("issue_comment/00-created.json");
        ((ObjectNode) payload.path("issue"))
                .putObject("pull_request")
                .put("html_url", "https://github.com/Codertocat/Hello-World/pull/1");

        EventDraft comment = normalize("issue_comment", payload).getFirst();

        assertThat(keys(comment)).contains(REPO + "/pull/1").doesNotContain(REPO + "/issues/1");
        assertThat(comment.title()).startsWith("Codertocat commented on pull request #1");
        assertThat(comment.attributes()).containsEntry("on_pull_request", true);
    }

    @Test
    void create_and_delete_of_a_tag_are_tag_events() {
        EventDraft created = single("create/00.json");
        EventDraft deleted = single("delete/00.json");

        assertThat(created.type()).isEqualTo("github.tag.created");
        assertThat(created.title()).isEqualTo("Codertocat created tag simple-tag in Codertocat/Hello-World");
        assertThat(created.subjects()).contains(EntityRef.of("tag", REPO + "/tag/simple-tag", "simple-tag"));
        assertThat(created.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:56Z"));
        assertThat(deleted.type()).isEqualTo("github.tag.deleted");
    }

    @Test
    void create_and_delete_of_a_branch_are_branch_events() {
        for (String path : List.of("create/00.json", "delete/00.json")) {
            ObjectNode payload = payload(path);
            payload.put("ref_type", "branch").put("ref", "feature/login");

            EventDraft draft =
                    normalize(GithubFixtures.get(path).event(), payload).getFirst();

            assertThat(draft.type())
                    .isEqualTo(path.startsWith("create") ? "github.branch.created" : "github.branch.deleted");
            assertThat(draft.subjects())
                    .contains(EntityRef.of("branch", REPO + "/branch/feature/login", "feature/login"));
        }
    }

    @Test
    void a_release_is_about_the_release_and_its_tag() {
        EventDraft published = single("release/00-published.json");

        assertThat(published.type()).isEqualTo("github.release.published");
        assertThat(keys(published)).contains(REPO + "/releases/tag/0.0.1", REPO + "/tag/0.0.1");
        assertThat(published.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:53Z"));
        assertThat(published.url()).isEqualTo("https://github.com/Codertocat/Hello-World/releases/tag/0.0.1");
        assertThat(single("release/04-deleted.json").occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void a_deployment_names_its_commit_and_environment() {
        EventDraft deployment = single("deployment/00-created.json");

        assertThat(deployment.type()).isEqualTo("github.deployment.created");
        assertThat(deployment.subjects())
                .contains(
                        EntityRef.of("deployment", REPO + "/deployments/145988746", "deployment 145988746"),
                        EntityRef.of("environment", REPO + "/environments/production", "production"));
        assertThat(keys(deployment)).contains("git:f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        assertThat(deployment.attributes())
                .containsEntry("environment", "production")
                .containsEntry("ref", "master");
        assertThat(deployment.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:53Z"));
    }

    @Test
    void a_deployment_status_is_typed_by_its_state() {
        EventDraft success = single("deployment_status/00-created.json");
        EventDraft inProgress = single("deployment_status/01-created.json");

        assertThat(success.type()).isEqualTo("github.deployment_status.success");
        assertThat(success.title())
                .isEqualTo("Deployment of master (f95f852) to production succeeded in Codertocat/Hello-World");
        assertThat(success.attributes()).containsEntry("state", "success").containsEntry("environment", "production");
        assertThat(keys(success))
                .contains(
                        REPO + "/deployments/145988746",
                        REPO + "/environments/production",
                        "git:f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
        assertThat(success.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
        assertThat(inProgress.type()).isEqualTo("github.deployment_status.in_progress");
        assertThat(inProgress.url())
                .isEqualTo("https://github.com/Codertocat/Hello-World/runs/145988746?check_suite_focus=true");
    }

    @Test
    void a_workflow_run_names_its_conclusion_commit_and_pull_requests() {
        EventDraft run = single("workflow_run/02-completed.json");

        assertThat(run.type()).isEqualTo("github.workflow_run.completed");
        assertThat(run.title())
                .isEqualTo("Workflow \"test\" completed with success on master in octo-org/octo-repo (run #163)");
        assertThat(run.attributes())
                .containsEntry("conclusion", "success")
                .containsEntry("status", "completed")
                .containsEntry("head_branch", "master")
                .containsEntry("head_sha", "3484a3fb816e0859fd6e1cea078d76385ff50625")
                .containsEntry("name", "test")
                .containsEntry("pull_requests", List.of(2L));
        assertThat(keys(run))
                .contains(
                        "github:octo-org/octo-repo/actions/runs/289782451",
                        "git:3484a3fb816e0859fd6e1cea078d76385ff50625",
                        "github:octo-org/octo-repo/pull/2");
        assertThat(run.occurredAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
    }

    @Test
    void checks_are_typed_by_their_action() {
        EventDraft run = single("check_run/01-completed.json");
        EventDraft suite = single("check_suite/00-completed.json");

        assertThat(run.type()).isEqualTo("github.check_run.completed");
        assertThat(run.attributes()).containsEntry("conclusion", "failure").containsEntry("name", "Octocoders-linter");
        assertThat(keys(run))
                .contains(REPO + "/runs/128620228", "git:ec26c3e57ca3a959ca5aad62de7213c562f8c821", REPO + "/pull/2");
        assertThat(suite.type()).isEqualTo("github.check_suite.completed");
        assertThat(keys(suite))
                .contains(REPO + "/check-suites/118578147", "git:ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    }

    @Test
    void a_commit_status_is_typed_by_its_state_and_about_the_commit() {
        EventDraft status = single("status/00.json");

        assertThat(status.type()).isEqualTo("github.status.success");
        assertThat(keys(status)).contains("git:6113728f27ae82c7b1a177c8d03f9e96e0adf246", REPO + "/branch/master");
        assertThat(status.attributes()).containsEntry("context", "default").containsEntry("state", "success");
        assertThat(status.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:55Z"));
        assertThat(status.url())
                .isEqualTo("https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246");
    }

    @Test
    void repository_events_keep_what_changed() {
        EventDraft renamed = single("repository/09-renamed.json");

        assertThat(renamed.type()).isEqualTo("github.repository.renamed");
        assertThat(renamed.title()).isEqualTo("Codertocat renamed repository Octocoders/Hello-World (was Hello-World)");
        assertThat(renamed.attributes()).containsEntry("previous_name", "Hello-World");
        assertThat(single("repository/10-transferred.json").attributes()).containsEntry("previous_owner", "octocat");
        assertThat(single("repository/05-privatized.json").title())
                .isEqualTo("Codertocat made repository Codertocat/Hello-World private");
    }

    @Test
    void a_new_member_is_a_subject() {
        EventDraft added = single("member/00-added.json");

        assertThat(added.type()).isEqualTo("github.member.added");
        assertThat(added.title()).isEqualTo("hacktocat became a collaborator on Codertocat/Hello-World");
        assertThat(added.subjects()).contains(EntityRef.of("person", "github:hacktocat", "hacktocat"));
        EventDraft edited = single("member/03-edited.json");
        assertThat(edited.title()).isEqualTo("Codertocat changed the access of octocat to Codertocat/Hello-World");
        assertThat(edited.attributes()).containsEntry("previous_permission", "write");
    }

    @Test
    void an_unknown_event_is_kept_as_one_raw_event() {
        EventDraft star = single("star/00-created.json");

        assertThat(star.type()).isEqualTo("github.star.created");
        assertThat(star.title()).isEqualTo("GitHub star created on Codertocat/Hello-World");
        assertThat(star.actor()).isEqualTo(EntityRef.of("person", "github:Codertocat", "Codertocat"));
        assertThat(keys(star)).containsExactly(REPO);
        assertThat(star.occurredAt()).isEqualTo(Instant.parse("2019-05-15T15:20:40Z"));
        assertThat(star.idempotencyKey()).isEqualTo("d-1");
    }

    @Test
    void an_unknown_event_without_action_or_time_is_received_now() {
        EventDraft fork = connector.raw("d-1", "fork", Json.MAPPER.createObjectNode(), RECEIVED);

        assertThat(fork.type()).isEqualTo("github.fork.received");
        assertThat(fork.occurredAt()).isEqualTo(RECEIVED);
        assertThat(fork.actor()).isNull();
        assertThat(fork.subjects()).isEmpty();
    }

    @Test
    void raw_of_an_empty_object_never_throws() {
        for (String event : List.of("push", "pull_request", "star", "", "Weird Event!", "a.b.c")) {
            assertThatCode(() -> connector.raw("d-1", event, Json.MAPPER.createObjectNode(), RECEIVED))
                    .doesNotThrowAnyException();
            assertThat(connector
                            .raw("d-1", event, Json.MAPPER.createObjectNode(), RECEIVED)
                            .type())
                    .matches("github\\.[a-z0-9_-]+\\.[a-z0-9_-]+");
        }
    }

    @Test
    void a_known_event_with_an_empty_payload_still_becomes_an_event() {
        for (String event : GithubConnector.normalizedEvents()) {
            assertThat(normalize(event, Json.MAPPER.createObjectNode()))
                    .as(event)
                    .isNotEmpty();
        }
    }
}
