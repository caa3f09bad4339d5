package dev.lightfast.connectors.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.connectors.github.GithubActions;
import dev.lightfast.connectors.github.GithubOperations;
import dev.lightfast.connectors.linear.LinearActions;
import dev.lightfast.connectors.linear.LinearOperations;
import dev.lightfast.connectors.sentry.SentryActions;
import dev.lightfast.connectors.sentry.SentryOperations;
import dev.lightfast.connectors.slack.SlackActions;
import dev.lightfast.connectors.slack.SlackOperations;
import dev.lightfast.connectors.vercel.VercelActions;
import dev.lightfast.connectors.vercel.VercelOperations;
import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tool's planning half reads its own keys into its own operations' arguments. */
class ToolActionsTest {
    private static Entity entity(EntityKind kind, String key) {
        return new Entity(
                "ent_" + key.hashCode(),
                kind.wire(),
                key,
                key,
                Map.of(),
                List.of(),
                List.of(),
                null,
                null,
                0,
                0,
                List.of());
    }

    @Test
    void github_reads_repository_and_number_and_people_by_login() {
        var github = new GithubActions();
        var pr = entity(EntityKind.PULL_REQUEST, "github:acme/api/pull/3");
        var priya = entity(EntityKind.PERSON, "github:priya");
        var comment = github.comment(pr, "hi").orElseThrow();
        assertThat(comment.operation()).isEqualTo(GithubOperations.COMMENT);
        assertThat(comment.arguments().toString()).isEqualTo("{\"repo\":\"acme/api\",\"number\":3,\"body\":\"hi\"}");
        assertThat(github.requestReview(pr, priya).orElseThrow().arguments().toString())
                .isEqualTo("{\"repo\":\"acme/api\",\"number\":3,\"reviewers\":[\"priya\"]}");
        assertThat(github.trackerOf(entity(EntityKind.ISSUE, "github:acme/api/issues/9")))
                .contains("acme/api");
        assertThatThrownBy(() -> github.comment(entity(EntityKind.ISSUE, "github:acme/api"), "x"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cannot act on");
    }

    @Test
    void a_commit_key_belongs_to_the_code_host() {
        var connectors = new dev.lightfast.core.connector.Connectors(List.of(
                new dev.lightfast.connectors.github.GithubConnector(),
                new dev.lightfast.connectors.vercel.VercelConnector()));
        assertThat(connectors.toolOf("git:abc123")).isEqualTo("github");
        assertThat(connectors.toolOf("vercel:project/prj_1")).isEqualTo("vercel");
        assertThat(connectors.toolOf("linear:ENG-1")).isEqualTo("linear");
    }

    @Test
    void linear_assigns_by_user_id_and_tracks_by_team() {
        var linear = new LinearActions();
        var issue = entity(EntityKind.ISSUE, "linear:ENG-12");
        var assign = linear.assign(issue, entity(EntityKind.PERSON, "linear:user/u-1"))
                .orElseThrow();
        assertThat(assign.operation()).isEqualTo(LinearOperations.ASSIGN);
        assertThat(assign.arguments().toString()).isEqualTo("{\"issueId\":\"ENG-12\",\"assigneeId\":\"u-1\"}");
        assertThat(linear.trackerOf(issue)).contains("ENG");
        assertThat(linear.ownTracker(entity(EntityKind.TEAM, "linear:team/ENG")))
                .contains("ENG");
        assertThat(linear.trackerName("ENG")).isEqualTo("team ENG");
    }

    @Test
    void sentry_names_members_as_user_and_takes_notes_on_issues_only() {
        var sentry = new SentryActions();
        var incident = entity(EntityKind.INCIDENT, "sentry:issue/42");
        var assign = sentry.assign(incident, entity(EntityKind.PERSON, "sentry:user/7"))
                .orElseThrow();
        assertThat(assign.operation()).isEqualTo(SentryOperations.ASSIGN);
        assertThat(assign.arguments().toString()).isEqualTo("{\"issueId\":\"42\",\"assignedTo\":\"user:7\"}");
        assertThat(sentry.takesNotes(incident)).isTrue();
        assertThat(sentry.takesNotes(entity(EntityKind.INCIDENT, "sentry:alert/1")))
                .isFalse();
    }

    @Test
    void slack_posts_to_a_channel_or_a_member_and_vercel_rolls_back_by_id() {
        var slack = new SlackActions();
        var thread = entity(EntityKind.MESSAGE, "slack:channel/C1/1700.1");
        assertThat(slack.channelOf(thread)).contains("C1");
        assertThat(slack.channelKey("C1")).isEqualTo("slack:channel/C1");
        var dm =
                slack.message(entity(EntityKind.PERSON, "slack:user/U9"), "hey").orElseThrow();
        assertThat(dm.operation()).isEqualTo(SlackOperations.POST_MESSAGE);
        assertThat(dm.arguments().toString()).isEqualTo("{\"channel\":\"U9\",\"text\":\"hey\"}");
        var rollback = new VercelActions()
                .rollback(
                        entity(EntityKind.PROJECT, "vercel:project/prj_1"),
                        entity(EntityKind.DEPLOYMENT, "vercel:deployment/dpl_0"))
                .orElseThrow();
        assertThat(rollback.operation()).isEqualTo(VercelOperations.ROLLBACK);
        assertThat(rollback.arguments().toString()).isEqualTo("{\"projectId\":\"prj_1\",\"deploymentId\":\"dpl_0\"}");
    }
}
