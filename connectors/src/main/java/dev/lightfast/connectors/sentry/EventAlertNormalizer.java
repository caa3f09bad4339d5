package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code event_alert}: {@code sentry.event_alert.triggered}, an issue alert rule fired on an error
 * (the usual way teams route "new issue in production" alerts). It carries the error, so it links
 * the incident to its release and environment like {@code error.created} does.
 */
final class EventAlertNormalizer implements SentryNormalizer {

    @Override
    public List<EventDraft> normalize(SentryDelivery d) {
        JsonNode data = d.data();
        SentryErrorEvent event = SentryErrorEvent.of(data.path("event"));
        String rule = PayloadFields.or(
                text(data.path("triggered_rule")), text(data.path("issue_alert").path("title")));
        return List.of(event.addTo(d.draft("event_alert", PayloadFields.or(d.action(), "triggered")))
                .title("Alert " + (rule != null ? "\"" + rule + "\" " : "") + "triggered" + event.where() + ": "
                        + PayloadFields.or(event.title(), "an error"))
                .occurredAt(d.timeOr(event.occurredAt()))
                .attribute("triggered_rule", rule)
                .attribute("issue_alert_id", text(data.path("issue_alert").path("id")))
                .attribute("organization", PayloadFields.or(d.organization(), event.organization()))
                .build());
    }
}
