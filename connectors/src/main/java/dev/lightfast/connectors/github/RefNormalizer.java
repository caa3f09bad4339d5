package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * {@code create} and {@code delete}: {@code github.branch.created}, {@code github.tag.deleted} and
 * so on. GitHub sends no time with them; the repository's {@code pushed_at} moves with every ref
 * update, so it is the best payload time there is.
 */
final class RefNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        String refType = text(d.path("ref_type"));
        String kind = "branch".equals(refType) || "tag".equals(refType) ? refType : "ref";
        String ref = text(d.path("ref"));
        boolean deleted = "delete".equals(d.event());
        String verb = deleted ? "deleted" : "created";
        String repo = d.repoName();

        var draft = d.draft(kind, verb)
                .title(d.actorName() + " " + verb + " " + kind + " " + GithubPayload.or(ref, "(unnamed)") + d.inRepo())
                .body(text(d.path("description")))
                .url(deleted || ref == null ? d.repoUrl() : d.repoUrl("/tree/" + ref))
                .occurredAt(d.timeOf(d.path("repository").path("pushed_at")))
                .subject(
                        switch (kind) {
                            case "branch" -> GithubEntities.branch(repo, ref);
                            case "tag" -> GithubEntities.tag(repo, ref);
                            default -> null;
                        })
                .attribute("ref", ref)
                .attribute("ref_type", refType)
                .attribute("default_branch", text(d.path("master_branch")))
                .attribute("pusher_type", text(d.path("pusher_type")));
        return List.of(draft.build());
    }
}
