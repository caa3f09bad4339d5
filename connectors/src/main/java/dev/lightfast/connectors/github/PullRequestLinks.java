package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.number;

import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pull_requests} array of workflow runs and checks: the pull requests whose head the run
 * tested. Linking them is what lets a failed check show up in a pull request's history.
 */
final class PullRequestLinks {
    private PullRequestLinks() {}

    /**
     * Adds each pull request as a subject and their numbers as the {@code pull_requests} attribute.
     */
    static EventDraft.Builder add(EventDraft.Builder draft, GithubDelivery d, JsonNode pullRequests) {
        List<Long> numbers = new ArrayList<>();
        for (JsonNode pr : pullRequests.isArray() ? pullRequests : List.<JsonNode>of()) {
            Long n = number(pr.path("number"));
            if (n != null && numbers.size() < GithubPayload.MAX_LIST) {
                numbers.add(n);
                draft.subject(GithubEntities.pullRequest(d.repoName(), n));
            }
        }
        return draft.attribute("pull_requests", GithubPayload.nonEmpty(numbers));
    }
}
