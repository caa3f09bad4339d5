package dev.lightfast.bench.demo;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One webhook delivery of the story, before it is numbered and written.
 *
 * @param provider github, linear, sentry, vercel or slack
 * @param kind the event as the file name shows it: GitHub's event name, Linear's type, Sentry's
 *     resource, Vercel's type, Slack's inner event type
 * @param deliveryId the id the tool gives this delivery (see {@link EvalQuestion.Expected})
 * @param at when the tool sent it; the history is replayed in this order
 * @param headers the tool's headers apart from signatures and timestamps, which are made at replay
 * @param body the payload
 * @param canonicalType for GitHub, the canonical type Lightfast's connector gives the delivery's
 *     main event; null for the other tools, whose connectors name their own types
 * @param repo for GitHub, the repository's full name; null otherwise
 */
record Delivery(
        String provider,
        String kind,
        String deliveryId,
        Instant at,
        Map<String, String> headers,
        ObjectNode body,
        String canonicalType,
        String repo) {

    /** This delivery as the answer to a question: its main event. */
    EvalQuestion.Expected expected() {
        return new EvalQuestion.Expected(provider, deliveryId, canonicalType, null);
    }
}
