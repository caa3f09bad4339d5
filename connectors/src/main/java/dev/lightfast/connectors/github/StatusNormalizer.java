package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.nonEmpty;
import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.sha;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import java.util.Locale;

/**
 * {@code status}: {@code github.status.<state>} (pending, success, failure, error), the older
 * commit-status API many CI systems still use; about the commit and the branches containing it.
 */
final class StatusNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        String state = GithubPayload.or(text(d.path("state")), "unknown");
        String context = GithubPayload.or(text(d.path("context")), "default");
        String sha = sha(d.path("sha"));
        String description = text(d.path("description"));
        List<String> branches = GithubPayload.texts(d.path("branches"), "name");

        var draft = d.draft("status", state.toLowerCase(Locale.ROOT))
                .title("Status \""
                        + context
                        + "\" is "
                        + state
                        + " on "
                        + GithubPayload.or(GithubPayload.shortSha(sha), "a commit")
                        + d.inRepo()
                        + (description == null ? "" : ": " + description))
                .body(GithubPayload.paragraphs(
                        description, text(d.path("commit").path("commit").path("message"))))
                .url(GithubPayload.or(
                        text(d.path("target_url")), text(d.path("commit").path("html_url"))))
                .occurredAt(d.timeOf(d.path("updated_at"), d.path("created_at")))
                .subject(GithubEntities.commit(sha))
                .attribute("state", state)
                .attribute("context", context)
                .attribute("description", description)
                .attribute("sha", sha)
                .attribute("status_id", number(d.path("id")))
                .attribute("target_url", text(d.path("target_url")))
                .attribute("branches", nonEmpty(branches));
        for (String branch : branches) {
            draft.subject(GithubEntities.branch(d.repoName(), branch));
        }
        return List.of(draft.build());
    }
}
