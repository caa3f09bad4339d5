package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code pull_request_review_comment}: {@code github.pull_request_review_comment.<action>}. A
 * comment on a line of a diff; the file and commit it points at are kept so a question about a file
 * can find the discussion about it.
 */
final class PullRequestReviewCommentNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode pr = d.path("pull_request");
        JsonNode comment = d.path("comment");
        Long number = number(pr.path("number"));
        String action = GithubPayload.or(d.action(), "updated");
        String thing = GithubPayload.numbered("pull request", number);
        String phrase = switch (action) {
            case "created" -> "commented on " + thing;
            case "edited" -> "edited a review comment on " + thing;
            case "deleted" -> "deleted a review comment on " + thing;
            default -> ActionPhrases.describe(action, "a review comment on " + thing);
        };
        String path = text(comment.path("path"));

        var draft = d.draft("pull_request_review_comment", action)
                .title(d.actorName()
                        + " "
                        + phrase
                        + (path == null ? "" : " (" + path + ")")
                        + d.inRepo()
                        + PullRequestNormalizer.titleSuffix(pr))
                .body(text(comment.path("body")))
                .url(GithubPayload.or(text(comment.path("html_url")), text(pr.path("html_url"))))
                .occurredAt(d.timeOf(
                        "created".equals(action) ? comment.path("created_at") : comment.path("updated_at"),
                        comment.path("created_at")))
                .subject(GithubEntities.pullRequest(d.repoName(), number))
                .subject(GithubEntities.person(text(comment.path("user").path("login"))))
                .subject(GithubEntities.commit(sha(comment.path("commit_id"))))
                .attribute("number", number)
                .attribute("comment_id", number(comment.path("id")))
                .attribute("review_id", number(comment.path("pull_request_review_id")))
                .attribute("in_reply_to_id", number(comment.path("in_reply_to_id")))
                .attribute("path", path)
                .attribute("line", number(comment.path("line")))
                .attribute("commit_id", sha(comment.path("commit_id")))
                .attribute("author", text(comment.path("user").path("login")));
        return List.of(draft.build());
    }
}
