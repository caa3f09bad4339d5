package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One error occurrence as Sentry serializes it in {@code error.created} ({@code data.error}) and
 * {@code event_alert.triggered} ({@code data.event}). It names the issue it was grouped into, the
 * release and environment it happened in, and, through its API URL, the project.
 */
record SentryErrorEvent(
        String eventId,
        String issueId,
        String title,
        String message,
        String level,
        String platform,
        String environment,
        String release,
        String culprit,
        String errorType,
        String errorValue,
        String projectSlug,
        String organization,
        String webUrl,
        Instant occurredAt) {

    /** {@code https://sentry.io/api/0/projects/<org>/<project>/events/<id>/} */
    private static final Pattern API_URL = Pattern.compile("/api/0/projects/([^/]+)/([^/]+)/events/");

    static SentryErrorEvent of(JsonNode event) {
        Matcher url = API_URL.matcher(PayloadFields.or(text(event.path("url")), ""));
        boolean hasUrl = url.find();
        return new SentryErrorEvent(
                PayloadFields.or(text(event.path("event_id")), text(event.path("id"))),
                text(event.path("issue_id")),
                text(event.path("title")),
                text(event.path("message")),
                text(event.path("level")),
                text(event.path("platform")),
                text(event.path("environment")),
                text(event.path("release")),
                text(event.path("culprit")),
                text(event.path("metadata").path("type")),
                text(event.path("metadata").path("value")),
                hasUrl ? url.group(2) : null,
                hasUrl ? url.group(1) : null,
                text(event.path("web_url")),
                PayloadFields.firstTime(
                        PayloadFields.isoTime(event.path("datetime")),
                        PayloadFields.epochSeconds(event.path("timestamp"))));
    }

    String commitSha() {
        return SentryEntities.commitSha(release);
    }

    /** " in shop (production)" or what of it is known. */
    String where() {
        String in = projectSlug != null ? " in " + projectSlug : "";
        return environment != null ? in + " (" + environment + ")" : in;
    }

    EventDraft.Builder addTo(EventDraft.Builder draft) {
        return draft.body(PayloadFields.paragraphs(
                        message,
                        errorValue,
                        culprit == null ? null : "at " + culprit,
                        release == null ? null : "release " + release))
                .url(webUrl)
                .subject(SentryEntities.incident(issueId, null))
                .subject(SentryEntities.service(projectSlug))
                .subject(SentryEntities.release(release))
                .subject(SentryEntities.commit(commitSha()))
                .subject(SentryEntities.environment(environment))
                .attribute("event_id", eventId)
                .attribute("issue_id", issueId)
                .attribute("title", title)
                .attribute("level", level)
                .attribute("platform", platform)
                .attribute("environment", environment)
                .attribute("release", release)
                .attribute("release_commit", commitSha())
                .attribute("culprit", culprit)
                .attribute("error_type", errorType)
                .attribute("error_value", errorValue)
                .attribute("project_slug", projectSlug);
    }
}
