package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code issue}: {@code sentry.issue.created}, {@code .resolved}, {@code .assigned}, {@code
 * .ignored} and {@code .unresolved}. Sentry renamed "ignored" to "archived"; both arrive, and both
 * are {@code sentry.issue.ignored} with Sentry's word kept as {@code sentry_action}. A resolution
 * names the release or commit it is in when Sentry knows it ({@code statusDetails.inRelease},
 * {@code inCommit}), which links the incident to its fix.
 */
final class IssueNormalizer implements SentryNormalizer {

    @Override
    public List<EventDraft> normalize(SentryDelivery d) {
        JsonNode issue = d.data().path("issue");
        String id = text(issue.path("id"));
        String shortId = text(issue.path("shortId"));
        String named = PayloadFields.or(shortId, id == null ? "an issue" : "issue " + id);
        String project = PayloadFields.or(
                text(issue.path("project").path("slug")),
                text(issue.path("project").path("name")));
        String title = text(issue.path("title"));
        String action = PayloadFields.or(d.action(), "updated");
        String verb = action.equals("archived") ? "ignored" : action;
        JsonNode details = issue.path("statusDetails");
        String inRelease = text(details.path("inRelease"));
        String inCommit = text(details.path("inCommit").path("commit"));
        JsonNode assignedTo = issue.path("assignedTo");
        SentryUser assignee = SentryUser.of(assignedTo);
        boolean teamAssignee = "team".equals(text(assignedTo.path("type")));
        String assigneeName = PayloadFields.or(text(assignedTo.path("name")), text(assignedTo.path("email")));

        String who = d.actorName();
        String in = project != null ? " in " + project : "";
        String headline = switch (verb) {
            case "created" -> "New Sentry issue " + named + in;
            case "resolved" -> who + " resolved " + named + in + resolvedIn(inRelease, inCommit);
            case "assigned" -> who + " assigned " + named + in + " to " + PayloadFields.or(assigneeName, "someone");
            case "ignored" -> who + " ignored " + named + in;
            case "unresolved" ->
                named + in + " is unresolved again"
                        + (text(issue.path("substatus")) != null ? " (" + text(issue.path("substatus")) + ")" : "");
            default -> who + " " + verb + " " + named + in;
        };

        var draft = d.draft("issue", verb)
                .title(headline + (title != null ? ": " + title : ""))
                .body(PayloadFields.paragraphs(
                        text(issue.path("metadata").path("value")),
                        text(issue.path("culprit")) == null ? null : "at " + text(issue.path("culprit"))))
                .url(PayloadFields.or(
                        text(issue.path("web_url")), PayloadFields.or(text(issue.path("permalink")), webUrl(d, id))))
                .occurredAt(
                        verb.equals("created")
                                ? d.timeOr(PayloadFields.isoTime(issue.path("firstSeen")))
                                : d.receivedAt())
                .subject(SentryEntities.incident(id, shortId))
                .subject(SentryEntities.service(project))
                .subject(assignee == null ? null : assignee.ref())
                .subject(
                        teamAssignee
                                ? SentryEntities.team(text(assignedTo.path("id")), text(assignedTo.path("name")))
                                : null)
                .subject(inRelease == null || inRelease.equals("latest") ? null : SentryEntities.release(inRelease))
                .subject(SentryEntities.commit(SentryEntities.commitSha(inCommit)))
                .attribute("issue_id", id)
                .attribute("short_id", shortId)
                .attribute("title", title)
                .attribute("culprit", text(issue.path("culprit")))
                .attribute("level", text(issue.path("level")))
                .attribute("status", text(issue.path("status")))
                .attribute("substatus", text(issue.path("substatus")))
                .attribute("platform", text(issue.path("platform")))
                .attribute("project_slug", project)
                .attribute("project_id", text(issue.path("project").path("id")))
                .attribute("error_type", text(issue.path("metadata").path("type")))
                .attribute("error_value", text(issue.path("metadata").path("value")))
                .attribute("count", PayloadFields.number(issue.path("count")))
                .attribute("user_count", PayloadFields.number(issue.path("userCount")))
                .attribute("first_seen", text(issue.path("firstSeen")))
                .attribute("last_seen", text(issue.path("lastSeen")))
                .attribute("in_release", inRelease)
                .attribute("in_commit", SentryEntities.commitSha(inCommit))
                .attribute("assigned_team_id", teamAssignee ? text(assignedTo.path("id")) : null)
                .attribute("assigned_team_name", teamAssignee ? text(assignedTo.path("name")) : null)
                .attribute("sentry_action", action.equals(verb) ? null : action);
        SentryUser.addAttributes(draft, "assignee", assignee);
        return List.of(draft.build());
    }

    private static String resolvedIn(String release, String commit) {
        if (commit != null) {
            return " in commit " + commit.substring(0, Math.min(7, commit.length()));
        }
        if (release != null && !release.equals("latest")) {
            return " in release " + release;
        }
        return release != null ? " in the latest release" : "";
    }

    /** Sentry's issue page, when the payload names the organization but not the page. */
    private static String webUrl(SentryDelivery d, String id) {
        return d.organization() == null || id == null
                ? null
                : "https://sentry.io/organizations/" + d.organization() + "/issues/" + id + "/";
    }
}
