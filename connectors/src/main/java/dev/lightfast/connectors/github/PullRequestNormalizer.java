package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.bool;
import static dev.lightfast.connectors.github.GithubPayload.nonEmpty;
import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code pull_request}: {@code github.pull_request.<action>}, except that GitHub reports a merge as
 * {@code closed} with {@code merged: true}; that becomes {@code github.pull_request.merged}, the
 * fact people ask about ("when did this ship?").
 */
final class PullRequestNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode pr = d.path("pull_request");
        String action = d.action();
        boolean merged = Boolean.TRUE.equals(bool(pr.path("merged")));
        String verb = "closed".equals(action) && merged ? "merged" : action;
        Long number = GithubPayload.or(number(pr.path("number")), number(d.path("number")));
        String repo = d.repoName();

        var draft = d.draft("pull_request", GithubPayload.or(verb, "updated"))
                .title(d.actorName()
                        + " "
                        + ActionPhrases.describe(verb, GithubPayload.numbered("pull request", number))
                        + detail(d)
                        + d.inRepo()
                        + titleSuffix(pr))
                .body(text(pr.path("body")))
                .url(text(pr.path("html_url")))
                .occurredAt(d.timeOf(timeField(pr, verb), pr.path("updated_at")))
                .subject(GithubEntities.pullRequest(repo, number))
                .subject(GithubEntities.person(text(pr.path("user").path("login"))))
                .subject(GithubEntities.branch(
                        headRepo(pr, repo), text(pr.path("head").path("ref"))))
                .subject(GithubEntities.branch(repo, text(pr.path("base").path("ref"))))
                .subject(GithubEntities.person(text(d.path("requested_reviewer").path("login"))))
                .subject(GithubEntities.team(
                        org(d),
                        text(d.path("requested_team").path("slug")),
                        text(d.path("requested_team").path("name"))))
                .subject(GithubEntities.person(text(d.path("assignee").path("login"))))
                .attribute("number", number)
                .attribute("title", text(pr.path("title")))
                .attribute("state", text(pr.path("state")))
                .attribute("merged", bool(pr.path("merged")))
                .attribute("draft", bool(pr.path("draft")))
                .attribute("author", text(pr.path("user").path("login")))
                .attribute("base_branch", text(pr.path("base").path("ref")))
                .attribute("head_branch", text(pr.path("head").path("ref")))
                .attribute("head_sha", sha(pr.path("head").path("sha")))
                .attribute("merged_by", text(pr.path("merged_by").path("login")))
                .attribute("additions", number(pr.path("additions")))
                .attribute("deletions", number(pr.path("deletions")))
                .attribute("changed_files", number(pr.path("changed_files")))
                .attribute("commits", number(pr.path("commits")))
                .attribute("labels", nonEmpty(GithubPayload.texts(pr.path("labels"), "name")))
                .attribute("assignees", nonEmpty(GithubPayload.texts(pr.path("assignees"), "login")))
                .attribute(
                        "requested_reviewers", nonEmpty(GithubPayload.texts(pr.path("requested_reviewers"), "login")))
                .attribute("label", text(d.path("label").path("name")))
                .attribute("assignee", text(d.path("assignee").path("login")))
                .attribute(
                        "requested_reviewer", text(d.path("requested_reviewer").path("login")))
                .attribute("requested_team", text(d.path("requested_team").path("slug")));
        if (merged) {
            draft.subject(GithubEntities.commit(sha(pr.path("merge_commit_sha"))))
                    .attribute("merge_commit_sha", sha(pr.path("merge_commit_sha")));
        }
        if ("opened".equals(verb) || "synchronize".equals(verb) || "reopened".equals(verb)) {
            draft.subject(GithubEntities.commit(sha(pr.path("head").path("sha"))));
        }
        return List.of(draft.build());
    }

    /** The time of this action, not of the pull request's last change of any kind. */
    private static JsonNode timeField(JsonNode pr, String verb) {
        return switch (verb == null ? "" : verb) {
            case "opened" -> pr.path("created_at");
            case "merged" -> pr.path("merged_at");
            case "closed" -> pr.path("closed_at");
            default -> pr.path("updated_at");
        };
    }

    /** Who or what the action was about, when the payload names it: " (reviewer octocat)". */
    private static String detail(GithubDelivery d) {
        String reviewer = GithubPayload.or(
                text(d.path("requested_reviewer").path("login")),
                text(d.path("requested_team").path("name")));
        if (reviewer != null) {
            return " (reviewer " + reviewer + ")";
        }
        String label = text(d.path("label").path("name"));
        if (label != null) {
            return " (label " + label + ")";
        }
        String assignee = text(d.path("assignee").path("login"));
        return assignee != null ? " (assignee " + assignee + ")" : "";
    }

    static String titleSuffix(JsonNode pr) {
        String title = text(pr.path("title"));
        return title == null ? "" : ": " + title;
    }

    /** A fork's head branch lives in the fork, not in the base repository. */
    private static String headRepo(JsonNode pr, String baseRepo) {
        return GithubPayload.or(text(pr.path("head").path("repo").path("full_name")), baseRepo);
    }

    static String org(GithubDelivery d) {
        return GithubPayload.or(
                text(d.path("organization").path("login")),
                text(d.path("repository").path("owner").path("login")));
    }
}
