package dev.lightfast.connectors.sentry;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * {@code error}: {@code sentry.error.created}, one occurrence of an error with the issue it belongs
 * to, the release and environment it happened in. Sentry sends these for every occurrence (on
 * Business plans), so they are the surest link from an incident to the release that caused it.
 */
final class ErrorNormalizer implements SentryNormalizer {

    @Override
    public List<EventDraft> normalize(SentryDelivery d) {
        SentryErrorEvent error = SentryErrorEvent.of(d.data().path("error"));
        return List.of(error.addTo(d.draft("error", PayloadFields.or(d.action(), "created")))
                .title("Error" + error.where() + ": "
                        + PayloadFields.or(error.title(), PayloadFields.or(error.errorValue(), "unknown error")))
                .occurredAt(d.timeOr(error.occurredAt()))
                .attribute("organization", PayloadFields.or(d.organization(), error.organization()))
                .build());
    }
}
