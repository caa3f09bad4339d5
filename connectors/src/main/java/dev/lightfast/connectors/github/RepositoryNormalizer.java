package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.bool;
import static dev.lightfast.connectors.github.GithubPayload.nonEmpty;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code repository}: {@code github.repository.<action>} (created, renamed, transferred, archived,
 * privatized …). A rename keeps the old name, since older events still carry it.
 */
final class RepositoryNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode repository = d.path("repository");
        JsonNode changes = d.path("changes");
        String action = GithubPayload.or(d.action(), "updated");
        List<String> changed =
                changes.propertyNames().stream().limit(GithubPayload.MAX_LIST).toList();
        String previousName = text(changes.path("repository").path("name").path("from"));
        String previousOwner =
                text(changes.path("owner").path("from").path("user").path("login"));
        String was = previousName != null
                ? " (was " + previousName + ")"
                : previousOwner != null ? " (from " + previousOwner + ")" : "";

        var draft = d.draft("repository", action)
                .title(d.actorName()
                        + " "
                        + ActionPhrases.describe(action, "repository " + GithubPayload.or(d.repoName(), "(unnamed)"))
                        + was)
                .body(text(repository.path("description")))
                .url(d.repoUrl())
                .occurredAt(d.timeOf(
                        "created".equals(action) ? repository.path("created_at") : repository.path("updated_at")))
                .attribute("private", bool(repository.path("private")))
                .attribute("visibility", text(repository.path("visibility")))
                .attribute("default_branch", text(repository.path("default_branch")))
                .attribute("archived", bool(repository.path("archived")))
                .attribute("changed", nonEmpty(changed))
                .attribute("previous_name", previousName)
                .attribute("previous_owner", previousOwner);
        return List.of(draft.build());
    }
}
