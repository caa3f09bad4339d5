package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code check_run} ({@code github.check_run.<action>}) and {@code check_suite} ({@code
 * github.check_suite.<action>}): results of CI and other apps on a commit, linked to the commit,
 * its branch and the pull requests it heads.
 */
final class CheckNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        return List.of("check_suite".equals(d.event()) ? suite(d) : run(d));
    }

    private static EventDraft run(GithubDelivery d) {
        JsonNode run = d.path("check_run");
        String action = GithubPayload.or(d.action(), "updated");
        String name = GithubPayload.or(text(run.path("name")), "check");
        String headSha = sha(run.path("head_sha"));
        String branch = text(run.path("check_suite").path("head_branch"));
        String conclusion = text(run.path("conclusion"));
        String repo = d.repoName();
        JsonNode output = run.path("output");

        var draft = d.draft("check_run", action)
                .title("Check \""
                        + name
                        + "\" "
                        + WorkflowRunNormalizer.outcome(action, conclusion)
                        + on(branch, headSha)
                        + d.inRepo())
                .body(GithubPayload.paragraphs(
                        text(output.path("title")), text(output.path("summary")), text(output.path("text"))))
                .url(GithubPayload.or(text(run.path("html_url")), text(run.path("details_url"))))
                .occurredAt(d.timeOf(
                        "completed".equals(action) ? run.path("completed_at") : run.path("started_at"),
                        run.path("started_at")))
                .subject(GithubEntities.checkRun(repo, number(run.path("id")), name))
                .subject(GithubEntities.commit(headSha))
                .subject(GithubEntities.branch(repo, branch))
                .attribute("name", name)
                .attribute("check_run_id", number(run.path("id")))
                .attribute("check_suite_id", number(run.path("check_suite").path("id")))
                .attribute("status", text(run.path("status")))
                .attribute("conclusion", conclusion)
                .attribute("head_sha", headSha)
                .attribute("head_branch", branch)
                .attribute("app", text(run.path("app").path("name")))
                .attribute("details_url", text(run.path("details_url")))
                .attribute("requested_action", text(d.path("requested_action").path("identifier")));
        return PullRequestLinks.add(draft, d, run.path("pull_requests")).build();
    }

    private static EventDraft suite(GithubDelivery d) {
        JsonNode suite = d.path("check_suite");
        String action = GithubPayload.or(d.action(), "updated");
        String app = text(suite.path("app").path("name"));
        String headSha = sha(suite.path("head_sha"));
        String branch = text(suite.path("head_branch"));
        String conclusion = text(suite.path("conclusion"));
        String repo = d.repoName();

        var draft = d.draft("check_suite", action)
                .title("Check suite"
                        + (app != null ? " of " + app : "")
                        + " "
                        + WorkflowRunNormalizer.outcome(action, conclusion)
                        + on(branch, headSha)
                        + d.inRepo())
                .body(text(suite.path("head_commit").path("message")))
                .url(headSha == null ? d.repoUrl() : d.repoUrl("/commit/" + headSha + "/checks"))
                .occurredAt(d.timeOf(
                        "requested".equals(action) ? suite.path("created_at") : suite.path("updated_at"),
                        suite.path("created_at")))
                .subject(GithubEntities.checkSuite(repo, number(suite.path("id"))))
                .subject(GithubEntities.commit(headSha))
                .subject(GithubEntities.branch(repo, branch))
                .attribute("check_suite_id", number(suite.path("id")))
                .attribute("status", text(suite.path("status")))
                .attribute("conclusion", conclusion)
                .attribute("head_sha", headSha)
                .attribute("head_branch", branch)
                .attribute("app", app)
                .attribute("check_runs", number(suite.path("latest_check_runs_count")));
        return PullRequestLinks.add(draft, d, suite.path("pull_requests")).build();
    }

    /** " on main (ec26c3e)". */
    private static String on(String branch, String sha) {
        String shortSha = GithubPayload.shortSha(sha);
        if (branch == null) {
            return shortSha == null ? "" : " on " + shortSha;
        }
        return " on " + branch + (shortSha == null ? "" : " (" + shortSha + ")");
    }
}
