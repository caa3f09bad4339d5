package dev.lightfast.connectors.sentry;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * Maps one Sentry resource onto canonical events. Normalizers read with missing-safe access and may
 * still throw on a payload too broken to describe; {@link SentryConnector} then keeps the delivery
 * as one raw event instead.
 */
sealed interface SentryNormalizer
        permits IssueNormalizer, ErrorNormalizer, EventAlertNormalizer, MetricAlertNormalizer, CommentNormalizer {

    /** The delivery's events, main event first; never empty. */
    List<EventDraft> normalize(SentryDelivery delivery);
}
