package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * {@code member}: {@code github.member.<action>} (added, edited, removed), a collaborator's access
 * to a repository; the member is a subject so a person's history shows when they got access.
 * Accepting an invitation is reported as the member adding themselves, and titled as joining.
 */
final class MemberNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        String action = GithubPayload.or(d.action(), "updated");
        String member = text(d.path("member").path("login"));
        String who = GithubPayload.or(member, "a collaborator");
        String repo = GithubPayload.or(d.repoName(), "a repository");
        boolean self = member != null && member.equals(d.senderLogin());
        String phrase = switch (action) {
            case "added" ->
                self ? "became a collaborator on " + repo : "added " + who + " as a collaborator to " + repo;
            case "removed" -> "removed " + who + " as a collaborator from " + repo;
            case "edited" -> "changed the access of " + who + " to " + repo;
            default -> action.replace('_', ' ') + " collaborator " + who + " on " + repo;
        };
        String permission = text(d.path("changes").path("permission").path("to"));

        var draft = d.draft("member", action)
                .title(d.actorName() + " " + phrase)
                .url(d.repoUrl())
                .subject(GithubEntities.person(member))
                .attribute("member", member)
                .attribute("permission", permission)
                .attribute("role_name", text(d.path("changes").path("role_name").path("to")))
                .attribute(
                        "previous_permission",
                        text(d.path("changes").path("old_permission").path("from")));
        return List.of(draft.build());
    }
}
