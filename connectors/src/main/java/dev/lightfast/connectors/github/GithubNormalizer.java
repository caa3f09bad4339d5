package dev.lightfast.connectors.github;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * Maps one family of GitHub deliveries onto canonical events. Normalizers read with missing-safe
 * access and may still throw on a payload too broken to describe; {@link GithubConnector} then
 * keeps the delivery as one raw event instead.
 */
sealed interface GithubNormalizer
        permits PushNormalizer,
                PullRequestNormalizer,
                PullRequestReviewNormalizer,
                PullRequestReviewCommentNormalizer,
                IssuesNormalizer,
                IssueCommentNormalizer,
                RefNormalizer,
                ReleaseNormalizer,
                DeploymentNormalizer,
                WorkflowRunNormalizer,
                CheckNormalizer,
                StatusNormalizer,
                RepositoryNormalizer,
                MemberNormalizer {

    /** The delivery's events, main event first; never empty. */
    List<EventDraft> normalize(GithubDelivery delivery);
}
