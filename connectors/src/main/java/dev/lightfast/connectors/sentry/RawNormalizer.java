package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * The one event kept for a delivery no normalizer describes: {@code installation}, a resource
 * Sentry added ({@code seer}, {@code preprod_artifact}), or a payload a normalizer could not read.
 * It is {@code sentry.<resource>.<action>} with whatever title the payload offers. It never throws.
 */
final class RawNormalizer {
    private RawNormalizer() {}

    /** @param problem why a normalizer gave up, or null when none exists for the resource */
    static EventDraft draft(SentryDelivery d, String problem) {
        String action = PayloadFields.or(d.action(), "received");
        JsonNode main = d.data().path(d.resource());
        String name = PayloadFields.or(text(main.path("title")), text(main.path("name")));
        String org = PayloadFields.or(
                d.organization(),
                text(d.data().path("installation").path("organization").path("slug")));
        return d.draft(d.resource(), action)
                .title("Sentry " + d.resource() + " " + action + (org != null ? " for " + org : "")
                        + (name != null ? ": " + name : ""))
                .url(PayloadFields.or(text(main.path("web_url")), text(d.data().path("web_url"))))
                .attribute("resource", d.resource())
                .attribute("action", d.action())
                .attribute("organization", org)
                .attribute("normalize_error", problem)
                .build();
    }
}
