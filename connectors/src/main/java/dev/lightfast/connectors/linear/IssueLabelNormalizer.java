package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code IssueLabel}: {@code linear.issue_label.created}, {@code .updated}, {@code .removed}. */
final class IssueLabelNormalizer implements LinearNormalizer {

    @Override
    public List<EventDraft> normalize(LinearDelivery d) {
        JsonNode label = d.data();
        String id = text(label.path("id"));
        String name = text(label.path("name"));
        String was = d.verb().equals("updated") ? text(d.updatedFrom().path("name")) : null;
        String verb = d.verb();
        var draft = d.draft(null, "issue_label", verb)
                .title(d.actorName() + " " + (was != null ? "renamed label \"" + was + "\" to" : verb + " label")
                        + " \"" + PayloadFields.or(name, id) + "\"")
                .body(text(label.path("description")))
                .occurredAt(d.timeOf(verb.equals("created") ? label.path("createdAt") : label.path("updatedAt")))
                .subject(LinearEntities.label(id, name))
                .attribute("label_id", id)
                .attribute("name", name)
                .attribute("from_name", was)
                .attribute("color", text(label.path("color")))
                .attribute("is_group", PayloadFields.bool(label.path("isGroup")))
                .attribute("team_id", text(label.path("teamId")))
                .attribute("parent_id", text(label.path("parentId")));
        return List.of(draft.build());
    }
}
