package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code issue_comment}: {@code github.issue_comment.<action>}, about the issue or, for the
 * conversation tab of a pull request, about the pull request (see {@link IssueTarget}).
 */
final class IssueCommentNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode issue = d.path("issue");
        JsonNode comment = d.path("comment");
        IssueTarget target = IssueTarget.of(d, issue);
        String action = GithubPayload.or(d.action(), "updated");
        String phrase = switch (action) {
            case "created" -> "commented on " + target.named();
            case "edited" -> "edited a comment on " + target.named();
            case "deleted" -> "deleted a comment on " + target.named();
            default -> ActionPhrases.describe(action, "a comment on " + target.named());
        };
        String title = text(issue.path("title"));

        var draft = d.draft("issue_comment", action)
                .title(d.actorName() + " " + phrase + d.inRepo() + (title == null ? "" : ": " + title))
                .body(text(comment.path("body")))
                .url(GithubPayload.or(text(comment.path("html_url")), text(issue.path("html_url"))))
                .occurredAt(d.timeOf(
                        "created".equals(action) ? comment.path("created_at") : comment.path("updated_at"),
                        comment.path("created_at")))
                .subject(target.entity())
                .subject(GithubEntities.person(text(comment.path("user").path("login"))))
                .attribute("number", target.number())
                .attribute("on_pull_request", target.isPullRequest())
                .attribute("comment_id", number(comment.path("id")))
                .attribute("author", text(comment.path("user").path("login")))
                .attribute("issue_title", title)
                .attribute("issue_state", text(issue.path("state")));
        return List.of(draft.build());
    }
}
