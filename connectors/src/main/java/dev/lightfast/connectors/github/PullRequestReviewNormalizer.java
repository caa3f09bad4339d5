package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * {@code pull_request_review}: {@code github.pull_request_review.<action>}. The review's state
 * (approved, changes_requested, commented) is what rules and answers care about ("merged without
 * approval?"), so it is both in the title and an attribute.
 */
final class PullRequestReviewNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode pr = d.path("pull_request");
        JsonNode review = d.path("review");
        Long number = number(pr.path("number"));
        String state = text(review.path("state"));
        String stateWord = state == null ? null : state.toLowerCase(Locale.ROOT);
        String thing = GithubPayload.numbered("pull request", number);
        String reviewer = text(review.path("user").path("login"));

        var draft = d.draft("pull_request_review", GithubPayload.or(d.action(), "updated"))
                .title(d.actorName()
                        + " "
                        + phrase(d.action(), stateWord, thing)
                        + d.inRepo()
                        + PullRequestNormalizer.titleSuffix(pr))
                .body(text(review.path("body")))
                .url(GithubPayload.or(text(review.path("html_url")), text(pr.path("html_url"))))
                .occurredAt(d.timeOf(review.path("submitted_at"), pr.path("updated_at")))
                .subject(GithubEntities.pullRequest(d.repoName(), number))
                .subject(GithubEntities.person(reviewer))
                .subject(GithubEntities.person(text(pr.path("user").path("login"))))
                .subject(GithubEntities.commit(sha(review.path("commit_id"))))
                .attribute("number", number)
                .attribute("state", stateWord)
                .attribute("review_id", number(review.path("id")))
                .attribute("reviewer", reviewer)
                .attribute("author", text(pr.path("user").path("login")))
                .attribute("commit_id", sha(review.path("commit_id")))
                .attribute("base_branch", text(pr.path("base").path("ref")))
                .attribute("head_branch", text(pr.path("head").path("ref")));
        return List.of(draft.build());
    }

    private static String phrase(String action, String state, String thing) {
        if ("submitted".equals(action) && state != null) {
            return switch (state) {
                case "approved" -> "approved " + thing;
                case "changes_requested" -> "requested changes on " + thing;
                case "commented" -> "reviewed " + thing;
                default -> "reviewed " + thing + " (" + state + ")";
            };
        }
        if ("dismissed".equals(action)) {
            return "dismissed a review on " + thing;
        }
        if ("edited".equals(action)) {
            return "edited a review on " + thing;
        }
        return ActionPhrases.describe(action, "a review on " + thing);
    }
}
