package dev.lightfast.connectors.linear;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * Maps one Linear resource type onto canonical events. Normalizers read with missing-safe access
 * and may still throw on a payload too broken to describe; {@link LinearConnector} then keeps the
 * delivery as one raw event instead.
 */
sealed interface LinearNormalizer
        permits IssueNormalizer, CommentNormalizer, ProjectNormalizer, CycleNormalizer, IssueLabelNormalizer {

    /** The delivery's events, main event first (keyed by the delivery); never empty. */
    List<EventDraft> normalize(LinearDelivery delivery);
}
