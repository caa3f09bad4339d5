package dev.lightfast.connectors.github;

import dev.lightfast.core.event.EntityRef;
import tools.jackson.databind.JsonNode;

/**
 * What an {@code issue} object in a payload really is. GitHub models every pull request as an issue
 * too, and sends {@code issues} and {@code issue_comment} deliveries for them with an {@code
 * issue.pull_request} field; the event must point at the pull request, or the conversation on it is
 * lost to the pull request's history.
 */
record IssueTarget(EntityRef entity, String noun, Long number, boolean isPullRequest) {

    static IssueTarget of(GithubDelivery d, JsonNode issue) {
        Long number = GithubPayload.number(issue.path("number"));
        boolean pull = issue.path("pull_request").isObject();
        String repo = d.repoName();
        return pull
                ? new IssueTarget(GithubEntities.pullRequest(repo, number), "pull request", number, true)
                : new IssueTarget(GithubEntities.issue(repo, number), "issue", number, false);
    }

    /** "issue #3" or "pull request #3". */
    String named() {
        return GithubPayload.numbered(noun, number);
    }
}
