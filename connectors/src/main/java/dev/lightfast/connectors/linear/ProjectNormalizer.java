package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code Project}: {@code linear.project.created}, {@code .updated}, {@code .removed}; an update
 * that changes the project's status, lead or target date becomes {@code status_changed}, {@code
 * lead_changed} or {@code target_date_changed}, the changes a team tracks a project by.
 */
final class ProjectNormalizer implements LinearNormalizer {

    @Override
    public List<EventDraft> normalize(LinearDelivery d) {
        JsonNode project = d.data();
        String id = text(project.path("id"));
        String name = PayloadFields.or(text(project.path("name")), "a project");
        String status = PayloadFields.or(text(project.path("status").path("name")), text(project.path("state")));
        LinearUser lead =
                PayloadFields.or(LinearUser.of(project.path("lead")), LinearUser.ofId(text(project.path("leadId"))));
        String who = d.actorName();
        String verb = d.verb();

        List<EventDraft.Builder> events = new ArrayList<>();
        if (verb.equals("updated")) {
            JsonNode from = d.updatedFrom();
            if (d.changed("statusId") || d.changed("state")) {
                events.add(d.draft("status_changed", "project", "status_changed")
                        .title(who + " moved project " + name + " to " + PayloadFields.or(status, "another status"))
                        .attribute("from_status_id", text(from.path("statusId")))
                        .attribute("from_status", text(from.path("state"))));
            }
            if (d.changed("leadId")) {
                events.add(d.draft("lead_changed", "project", "lead_changed")
                        .title(
                                lead != null
                                        ? who + " made " + lead.displayName() + " lead of project " + name
                                        : who + " removed the lead of project " + name)
                        .subject(LinearEntities.person(text(from.path("leadId")), null))
                        .attribute("from_lead_id", text(from.path("leadId"))));
            }
            if (d.changed("targetDate")) {
                String target = text(project.path("targetDate"));
                events.add(d.draft("target_date_changed", "project", "target_date_changed")
                        .title(
                                target != null
                                        ? who + " set the target date of project " + name + " to " + target
                                        : who + " removed the target date of project " + name)
                        .attribute("from_target_date", text(from.path("targetDate"))));
            }
        }
        if (events.isEmpty()) {
            events.add(d.draft(null, "project", verb).title(who + " " + verb + " project " + name));
        }
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i < events.size(); i++) {
            var draft = events.get(i)
                    .body(PayloadFields.paragraphs(text(project.path("description")), text(project.path("content"))))
                    .occurredAt(
                            d.timeOf(verb.equals("created") ? project.path("createdAt") : project.path("updatedAt")))
                    .subject(LinearEntities.project(id, text(project.path("name"))))
                    .subject(lead == null ? null : lead.ref())
                    .attribute("project_id", id)
                    .attribute("name", text(project.path("name")))
                    .attribute("status", status)
                    .attribute("status_type", text(project.path("status").path("type")))
                    .attribute("target_date", text(project.path("targetDate")))
                    .attribute("start_date", text(project.path("startDate")))
                    .attribute("health", text(project.path("health")))
                    .attribute("team_ids", PayloadFields.nonEmpty(PayloadFields.texts(project.path("teamIds"), null)));
            LinearUser.addAttributes(draft, "lead", lead);
            if (i == 0) {
                draft.idempotencyKey(d.deliveryKey());
            }
            drafts.add(draft.build());
        }
        return drafts;
    }
}
