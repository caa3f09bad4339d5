package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code Comment}: {@code linear.comment.created}, {@code .updated}, {@code .removed}. The issue is
 * named by {@code data.issue} when Linear includes it, else read from the comment's URL ({@code
 * https://linear.app/issue/LIN-1778/…#comment-…}), which every comment payload carries. The comment
 * text is the body, so the PRs and deploys it links are found by the mention scanners.
 */
final class CommentNormalizer implements LinearNormalizer {
    private static final int TITLE_QUOTE = 120;

    @Override
    public List<EventDraft> normalize(LinearDelivery d) {
        JsonNode comment = d.data();
        JsonNode issue = comment.path("issue");
        String identifier = PayloadFields.or(text(issue.path("identifier")), IssueSnapshot.identifierFromUrl(d.url()));
        LinearUser author =
                PayloadFields.or(LinearUser.of(comment.path("user")), LinearUser.ofId(text(comment.path("userId"))));
        LinearUser actor = PayloadFields.or(d.actorUser(), author);
        String who = actor != null && actor.name() != null ? actor.name() : d.actorName();
        String verb = d.verb();
        String body = text(comment.path("body"));
        String what = switch (verb) {
            case "created" -> " commented on ";
            case "updated" -> " edited a comment on ";
            case "removed" -> " deleted a comment on ";
            default -> " " + verb + " a comment on ";
        };
        String quote = PayloadFields.excerpt(body, TITLE_QUOTE);
        var draft = d.draft(null, "comment", verb)
                .actor(actor == null ? null : actor.ref())
                .title(who
                        + what
                        + (identifier != null ? identifier : "an issue")
                        + (quote != null ? ": " + quote : ""))
                .body(body)
                .occurredAt(d.timeOf(timeField(comment, verb), comment.path("updatedAt")))
                .subject(LinearEntities.issue(identifier))
                .subject(author == null ? null : author.ref())
                .attribute("comment_id", text(comment.path("id")))
                .attribute("issue_identifier", identifier)
                .attribute("issue_id", PayloadFields.or(text(comment.path("issueId")), text(issue.path("id"))))
                .attribute("issue_title", text(issue.path("title")))
                .attribute("parent_id", text(comment.path("parentId")))
                .attribute("edited", PayloadFields.bool(comment.path("edited")));
        LinearUser.addAttributes(draft, "actor", actor);
        LinearUser.addAttributes(draft, "author", author);
        return List.of(draft.build());
    }

    private static JsonNode timeField(JsonNode comment, String verb) {
        return switch (verb) {
            case "created" -> comment.path("createdAt");
            case "updated" -> comment.path("editedAt");
            case "removed" -> comment.path("archivedAt");
            default -> comment.path("updatedAt");
        };
    }
}
