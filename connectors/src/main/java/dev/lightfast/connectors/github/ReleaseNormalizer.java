package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.bool;
import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * {@code release}: {@code github.release.<action>}. The release notes are the body: they are often
 * the only place a team writes down what shipped.
 */
final class ReleaseNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode release = d.path("release");
        String action = d.action();
        String tag = text(release.path("tag_name"));
        String name = text(release.path("name"));
        String repo = d.repoName();
        String shown = name != null && !name.equals(tag)
                ? GithubPayload.or(tag, "") + " (" + name + ")"
                : GithubPayload.or(tag, "(untagged)");

        var draft = d.draft("release", GithubPayload.or(action, "updated"))
                .title(d.actorName() + " " + ActionPhrases.describe(action, "release " + shown.strip()) + d.inRepo())
                .body(GithubPayload.paragraphs(name, text(release.path("body"))))
                .url(text(release.path("html_url")))
                .occurredAt(d.timeOf(timeField(release, action)))
                .subject(GithubEntities.release(repo, tag, name))
                .subject(GithubEntities.tag(repo, tag))
                .subject(GithubEntities.person(text(release.path("author").path("login"))))
                .attribute("release_id", number(release.path("id")))
                .attribute("tag", tag)
                .attribute("name", name)
                .attribute("draft", bool(release.path("draft")))
                .attribute("prerelease", bool(release.path("prerelease")))
                .attribute("target_commitish", text(release.path("target_commitish")))
                .attribute("author", text(release.path("author").path("login")));
        return List.of(draft.build());
    }

    /**
     * Only creating and publishing have a time in the payload; an edit or deletion happened on
     * receipt.
     */
    private static JsonNode timeField(JsonNode release, String action) {
        return switch (action == null ? "" : action) {
            case "created" -> release.path("created_at");
            case "published", "released", "prereleased" -> release.path("published_at");
            default -> MissingNode.getInstance();
        };
    }
}
