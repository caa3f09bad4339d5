package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code workflow_run}: {@code github.workflow_run.<action>} (requested, in_progress, completed),
 * linked to the commit and branch it ran on, so a red build can be traced to the push that caused
 * it.
 */
final class WorkflowRunNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode run = d.path("workflow_run");
        String action = GithubPayload.or(d.action(), "updated");
        String name = GithubPayload.or(
                text(run.path("name")), GithubPayload.or(text(d.path("workflow").path("name")), "workflow"));
        String branch = text(run.path("head_branch"));
        String headSha = sha(run.path("head_sha"));
        String conclusion = text(run.path("conclusion"));
        Long runNumber = number(run.path("run_number"));
        String repo = d.repoName();

        String title = "Workflow \""
                + name
                + "\" "
                + outcome(action, conclusion)
                + (branch != null ? " on " + branch : headSha != null ? " on " + GithubPayload.shortSha(headSha) : "")
                + d.inRepo()
                + (runNumber != null ? " (run #" + runNumber + ")" : "");
        var draft = d.draft("workflow_run", action)
                .title(title)
                .body(GithubPayload.paragraphs(
                        text(run.path("display_title")),
                        text(run.path("head_commit").path("message"))))
                .url(text(run.path("html_url")))
                .occurredAt(d.timeOf(timeField(run, action), run.path("updated_at"), run.path("created_at")))
                .subject(GithubEntities.workflowRun(
                        repo, number(run.path("id")), name + (runNumber != null ? " #" + runNumber : "")))
                .subject(GithubEntities.commit(headSha))
                .subject(GithubEntities.branch(
                        GithubPayload.or(text(run.path("head_repository").path("full_name")), repo), branch))
                .attribute("name", name)
                .attribute(
                        "workflow_path",
                        GithubPayload.or(
                                text(run.path("path")), text(d.path("workflow").path("path"))))
                .attribute("run_id", number(run.path("id")))
                .attribute("run_number", runNumber)
                .attribute("run_attempt", number(run.path("run_attempt")))
                .attribute("event", text(run.path("event")))
                .attribute("status", text(run.path("status")))
                .attribute("conclusion", conclusion)
                .attribute("head_branch", branch)
                .attribute("head_sha", headSha)
                .attribute("display_title", text(run.path("display_title")))
                .attribute("triggering_actor", text(run.path("triggering_actor").path("login")));
        return List.of(PullRequestLinks.add(draft, d, run.path("pull_requests")).build());
    }

    private static JsonNode timeField(JsonNode run, String action) {
        return switch (action) {
            case "requested" -> run.path("created_at");
            case "in_progress" -> run.path("run_started_at");
            default -> run.path("updated_at");
        };
    }

    /** "completed with failure", "requested", "is in progress". */
    static String outcome(String action, String conclusion) {
        return switch (action) {
            case "completed" -> conclusion != null ? "completed with " + conclusion : "completed";
            case "in_progress" -> "is in progress";
            default -> action.replace('_', ' ');
        };
    }
}
