package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * The one event kept for a Vercel event no normalizer describes ({@code project.created}, {@code
 * domain.created}, {@code integration-configuration.removed}, …) or a payload a normalizer could
 * not read: {@code vercel.<type>} with whatever names the payload offers. It never throws.
 */
final class RawNormalizer {
    private RawNormalizer() {}

    /** @param problem why a normalizer gave up, or null when none exists for the type */
    static EventDraft draft(VercelDelivery d, String problem) {
        JsonNode p = d.payload();
        String name = PayloadFields.or(
                text(p.path("project").path("name")),
                PayloadFields.or(text(p.path("name")), text(p.path("domain").path("name"))));
        String[] words = d.type().split("\\.");
        String projectId = text(p.path("project").path("id"));
        return d.draft(words.length == 1 ? new String[] {words[0], "received"} : words)
                .title("Vercel " + d.type() + (name != null ? ": " + name : ""))
                .url(PayloadFields.or(
                        text(p.path("links").path("project")),
                        text(p.path("links").path("deployment"))))
                .subject(
                        VercelEntities.project(projectId, text(p.path("project").path("name"))))
                .attribute("vercel_type", d.type())
                .attribute("project_id", projectId)
                .attribute("normalize_error", problem)
                .build();
    }
}
