package dev.lightfast.connectors.github;

import static dev.lightfast.connectors.github.GithubPayload.nonEmpty;
import static dev.lightfast.connectors.github.GithubPayload.number;
import static dev.lightfast.connectors.github.GithubPayload.text;

import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code issues}: {@code github.issue.<action>}, with the person or label the action was about. */
final class IssuesNormalizer implements GithubNormalizer {

    @Override
    public List<EventDraft> normalize(GithubDelivery d) {
        JsonNode issue = d.path("issue");
        IssueTarget target = IssueTarget.of(d, issue);
        String action = d.action();
        String title = text(issue.path("title"));

        var draft = d.draft("issue", GithubPayload.or(action, "updated"))
                .title(d.actorName()
                        + " "
                        + ActionPhrases.describe(action, target.named())
                        + detail(d)
                        + d.inRepo()
                        + (title == null ? "" : ": " + title))
                .body(text(issue.path("body")))
                .url(text(issue.path("html_url")))
                .occurredAt(d.timeOf(timeField(issue, action), issue.path("updated_at")))
                .subject(target.entity())
                .subject(GithubEntities.person(text(issue.path("user").path("login"))))
                .subject(GithubEntities.person(text(d.path("assignee").path("login"))))
                .attribute("number", target.number())
                .attribute("title", title)
                .attribute("state", text(issue.path("state")))
                .attribute("state_reason", text(issue.path("state_reason")))
                .attribute("author", text(issue.path("user").path("login")))
                .attribute("is_pull_request", target.isPullRequest() ? true : null)
                .attribute("labels", nonEmpty(GithubPayload.texts(issue.path("labels"), "name")))
                .attribute("assignees", nonEmpty(GithubPayload.texts(issue.path("assignees"), "login")))
                .attribute("milestone", text(issue.path("milestone").path("title")))
                .attribute("comments", number(issue.path("comments")))
                .attribute("label", text(d.path("label").path("name")))
                .attribute("assignee", text(d.path("assignee").path("login")));
        return List.of(draft.build());
    }

    private static JsonNode timeField(JsonNode issue, String action) {
        return switch (action == null ? "" : action) {
            case "opened" -> issue.path("created_at");
            case "closed" -> issue.path("closed_at");
            default -> issue.path("updated_at");
        };
    }

    private static String detail(GithubDelivery d) {
        String label = text(d.path("label").path("name"));
        if (label != null) {
            return " (label " + label + ")";
        }
        String assignee = text(d.path("assignee").path("login"));
        if (assignee != null) {
            return " (assignee " + assignee + ")";
        }
        String milestone = text(d.path("milestone").path("title"));
        return milestone != null ? " (milestone " + milestone + ")" : "";
    }
}
