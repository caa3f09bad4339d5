package dev.lightfast.connectors.slack;

import dev.lightfast.core.event.EventDraft;
import java.util.List;

/**
 * Maps one family of Slack events onto canonical events. Normalizers read with missing-safe
 * access and may still throw on a payload too broken to describe; {@link SlackConnector} then keeps
 * the delivery as one raw event instead.
 */
sealed interface SlackNormalizer permits MessageNormalizer, ReactionNormalizer, ChannelNormalizer, MemberNormalizer {

    /** The delivery's events; never empty. */
    List<EventDraft> normalize(SlackDelivery delivery);
}
