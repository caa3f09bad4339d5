package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code comment}: {@code sentry.comment.created}, {@code .updated}, {@code .deleted}, a note on an
 * issue's activity, often where a team says what it found ("rolled back, see the PR").
 */
final class CommentNormalizer implements SentryNormalizer {
    private static final int TITLE_QUOTE = 120;

    @Override
    public List<EventDraft> normalize(SentryDelivery d) {
        JsonNode data = d.data();
        String issueId = text(data.path("issue_id"));
        String comment = text(data.path("comment"));
        String action = PayloadFields.or(d.action(), "created");
        String what = switch (action) {
            case "created" -> " commented on ";
            case "updated" -> " edited a comment on ";
            case "deleted" -> " deleted a comment on ";
            default -> " " + action + " a comment on ";
        };
        String quote = PayloadFields.excerpt(comment, TITLE_QUOTE);
        return List.of(d.draft("comment", action)
                .title(d.actorName() + what + "Sentry issue " + PayloadFields.or(issueId, "?")
                        + (quote != null ? ": " + quote : ""))
                .body(comment)
                .occurredAt(d.timeOr(PayloadFields.isoTime(data.path("timestamp"))))
                .subject(SentryEntities.incident(issueId, null))
                .subject(SentryEntities.service(text(data.path("project_slug"))))
                .attribute("comment_id", text(data.path("comment_id")))
                .attribute("issue_id", issueId)
                .attribute("project_slug", text(data.path("project_slug")))
                .build());
    }
}
