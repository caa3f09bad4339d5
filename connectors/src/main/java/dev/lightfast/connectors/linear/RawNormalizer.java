package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * The one event kept for a delivery no normalizer describes: a resource Linear added (Reaction,
 * ProjectUpdate, Document…) or a payload a normalizer could not read. It is {@code
 * linear.<type>.<action>} with whatever name, text and issue the payload offers, so it is still
 * found by search and can be normalized again from the raw payload later. It never throws.
 */
final class RawNormalizer {
    private RawNormalizer() {}

    /** @param problem why a normalizer gave up, or null when none exists for the type */
    static EventDraft draft(LinearDelivery d, String problem) {
        String type = PayloadFields.or(d.type(), "unknown");
        JsonNode data = d.data();
        String name = PayloadFields.or(
                text(data.path("title")),
                PayloadFields.or(text(data.path("name")), PayloadFields.excerpt(text(data.path("body")), 120)));
        JsonNode issue = data.path("issue");
        String identifier = PayloadFields.or(text(issue.path("identifier")), IssueSnapshot.identifierFromUrl(d.url()));
        return d.draft(null, type, d.verb())
                .title("Linear " + type + " " + d.verb() + (identifier != null ? " on " + identifier : "")
                        + (name != null ? ": " + name : ""))
                .body(PayloadFields.paragraphs(text(data.path("body")), text(data.path("description"))))
                .occurredAt(d.timeOf(data.path("updatedAt"), data.path("createdAt")))
                .subject(LinearEntities.issue(identifier))
                .attribute("linear_type", type)
                .attribute("action", d.action())
                .attribute("entity_id", text(data.path("id")))
                .attribute("normalize_error", problem)
                .build();
    }
}
