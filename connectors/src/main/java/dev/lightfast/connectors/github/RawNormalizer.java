package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * The one event kept for a delivery no normalizer describes: an event GitHub added, or a payload a
 * normalizer could not read. It is {@code github.<event>.<action>} with the sender, the repository
 * and whatever title and text the payload's main object offers, so it is still found by search and
 * can be re-normalized from the raw payload later. It reads nothing it has not checked and never
 * throws.
 */
final class RawNormalizer {
    private RawNormalizer() {}

    /**
     * @param problem why a normalizer gave up, or null when no normalizer exists for the event
     */
    static EventDraft draft(GithubDelivery d, String problem) {
        String event = d.event().isBlank() ? "unknown" : d.event();
        String action = d.action();
        JsonNode main = d.path(event);
        String name = GithubPayload.or(text(main.path("title")), text(main.path("name")));
        String where =
                GithubPayload.or(d.repoName(), text(d.path("organization").path("login")));

        String title = "GitHub "
                + event
                + (action != null ? " " + action : "")
                + (where != null ? " on " + where : "")
                + (name != null ? ": " + name : "");
        return d.draft(event, action != null ? action : "received")
                .title(title)
                .body(GithubPayload.paragraphs(text(main.path("body")), text(main.path("description"))))
                .url(GithubPayload.or(text(main.path("html_url")), d.repoUrl()))
                .occurredAt(d.timeOf(
                        main.path("updated_at"),
                        main.path("created_at"),
                        d.path("updated_at"),
                        d.path("created_at"),
                        d.path("starred_at")))
                .subject(
                        d.repository() == null
                                ? GithubEntities.organization(
                                        text(d.path("organization").path("login")))
                                : null)
                .attribute("event", event)
                .attribute("action", action)
                .attribute("normalize_error", problem)
                .build();
    }
}
