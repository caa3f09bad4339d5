package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code Cycle}: {@code linear.cycle.created}, {@code .updated}, {@code .removed}, and {@code
 * linear.cycle.completed} for the update that sets {@code completedAt}: a cycle ending is the fact
 * people look for, not the update that recorded it.
 */
final class CycleNormalizer implements LinearNormalizer {

    @Override
    public List<EventDraft> normalize(LinearDelivery d) {
        JsonNode cycle = d.data();
        String id = text(cycle.path("id"));
        Long number = PayloadFields.number(cycle.path("number"));
        String name = text(cycle.path("name"));
        String label = PayloadFields.or(name, number == null ? "a cycle" : "Cycle " + number);
        String completedAt = text(cycle.path("completedAt"));
        boolean completed = d.verb().equals("updated")
                && d.changed("completedAt")
                && completedAt != null
                && d.updatedFrom().path("completedAt").isNull();
        String verb = completed ? "completed" : d.verb();
        String dates = dates(text(cycle.path("startsAt")), text(cycle.path("endsAt")));
        var draft = d.draft(null, "cycle", verb)
                .title(d.actorName() + " " + verb + " " + label + dates)
                .body(text(cycle.path("description")))
                .occurredAt(d.timeOf(timeField(cycle, verb), cycle.path("updatedAt")))
                .subject(LinearEntities.cycle(id, number, name))
                .attribute("cycle_id", id)
                .attribute("number", number)
                .attribute("name", name)
                .attribute("starts_at", text(cycle.path("startsAt")))
                .attribute("ends_at", text(cycle.path("endsAt")))
                .attribute("completed_at", completedAt)
                .attribute("team_id", text(cycle.path("teamId")));
        return List.of(draft.build());
    }

    /** " (2026-03-02 – 2026-03-16)" from two ISO times, or nothing. */
    private static String dates(String startsAt, String endsAt) {
        if (startsAt == null || endsAt == null) {
            return "";
        }
        return " (" + startsAt.substring(0, Math.min(10, startsAt.length())) + " – "
                + endsAt.substring(0, Math.min(10, endsAt.length())) + ")";
    }

    private static JsonNode timeField(JsonNode cycle, String verb) {
        return switch (verb) {
            case "created" -> cycle.path("createdAt");
            case "completed" -> cycle.path("completedAt");
            case "removed" -> cycle.path("archivedAt");
            default -> cycle.path("updatedAt");
        };
    }
}
