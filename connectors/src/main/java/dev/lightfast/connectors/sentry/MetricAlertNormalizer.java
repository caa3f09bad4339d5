package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code metric_alert}: {@code sentry.metric_alert.critical}, {@code .warning}, {@code .resolved}.
 * The alert ({@code data.metric_alert}) is a Sentry incident with its own id, opened by a rule
 * over one or more projects; its critical and resolved times bound the incident.
 */
final class MetricAlertNormalizer implements SentryNormalizer {

    @Override
    public List<EventDraft> normalize(SentryDelivery d) {
        JsonNode data = d.data();
        JsonNode alert = data.path("metric_alert");
        JsonNode rule = alert.path("alert_rule");
        String id = text(alert.path("id"));
        String ruleName = text(rule.path("name"));
        String alertTitle = PayloadFields.or(text(alert.path("title")), ruleName);
        String action = PayloadFields.or(d.action(), "triggered");
        List<String> projects = PayloadFields.texts(
                alert.path("projects").isArray() ? alert.path("projects") : rule.path("projects"), null);
        String headline = PayloadFields.or(
                text(data.path("description_title")),
                "Metric alert " + (alertTitle != null ? "\"" + alertTitle + "\" " : "") + "is " + action);
        Instant at = action.equals("resolved")
                ? PayloadFields.isoTime(alert.path("date_closed"))
                : PayloadFields.firstTime(
                        PayloadFields.isoTime(alert.path("date_detected")),
                        PayloadFields.isoTime(alert.path("date_started")));

        var draft = d.draft("metric_alert", action)
                .title(headline + (projects.isEmpty() ? "" : " (" + String.join(", ", projects) + ")"))
                .body(text(data.path("description_text")))
                .url(text(data.path("web_url")))
                .occurredAt(d.timeOr(at))
                .subject(SentryEntities.metricAlert(id, alertTitle))
                .subject(SentryEntities.alertRule(text(rule.path("id")), ruleName))
                .subject(SentryEntities.environment(text(rule.path("environment"))))
                .attribute("metric_alert_id", id)
                .attribute("identifier", text(alert.path("identifier")))
                .attribute("alert_title", alertTitle)
                .attribute("alert_rule_id", text(rule.path("id")))
                .attribute("alert_rule_name", ruleName)
                .attribute("aggregate", text(rule.path("aggregate")))
                .attribute("query", text(rule.path("query")))
                .attribute("environment", text(rule.path("environment")))
                .attribute("status", PayloadFields.number(alert.path("status")))
                .attribute("projects", PayloadFields.nonEmpty(projects))
                .attribute("date_started", text(alert.path("date_started")))
                .attribute("date_closed", text(alert.path("date_closed")));
        projects.forEach(p -> draft.subject(SentryEntities.service(p)));
        return List.of(draft.build());
    }
}
