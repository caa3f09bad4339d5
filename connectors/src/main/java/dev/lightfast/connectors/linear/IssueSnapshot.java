package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An issue as one payload shows it ({@code IssueWebhookPayload}). Every issue event carries the
 * snapshot as its subjects and attributes, so each event on its own says where the issue stood:
 * its state, team, project, cycle, assignee and labels at that moment.
 */
record IssueSnapshot(
        String identifier,
        String title,
        String description,
        Long number,
        String stateId,
        String stateName,
        String stateType,
        Long priority,
        String priorityLabel,
        Number estimate,
        String dueDate,
        String teamKey,
        String teamName,
        String projectId,
        String projectName,
        String cycleId,
        Long cycleNumber,
        String cycleName,
        LinearUser assignee,
        LinearUser creator,
        List<Label> labels,
        String parentId) {

    record Label(String id, String name) {}

    static IssueSnapshot of(JsonNode issue) {
        JsonNode state = issue.path("state");
        JsonNode team = issue.path("team");
        JsonNode project = issue.path("project");
        JsonNode cycle = issue.path("cycle");
        List<Label> labels = new ArrayList<>();
        for (JsonNode l : issue.path("labels").isArray() ? issue.path("labels") : List.<JsonNode>of()) {
            String id = text(l.path("id"));
            if (id != null && labels.size() < PayloadFields.MAX_LIST) {
                labels.add(new Label(id, text(l.path("name"))));
            }
        }
        return new IssueSnapshot(
                PayloadFields.or(text(issue.path("identifier")), identifierFromUrl(text(issue.path("url")))),
                text(issue.path("title")),
                text(issue.path("description")),
                PayloadFields.number(issue.path("number")),
                PayloadFields.or(text(state.path("id")), text(issue.path("stateId"))),
                text(state.path("name")),
                text(state.path("type")),
                PayloadFields.number(issue.path("priority")),
                text(issue.path("priorityLabel")),
                PayloadFields.decimal(issue.path("estimate")),
                text(issue.path("dueDate")),
                text(team.path("key")),
                text(team.path("name")),
                PayloadFields.or(text(project.path("id")), text(issue.path("projectId"))),
                text(project.path("name")),
                PayloadFields.or(text(cycle.path("id")), text(issue.path("cycleId"))),
                PayloadFields.number(cycle.path("number")),
                text(cycle.path("name")),
                PayloadFields.or(
                        LinearUser.of(issue.path("assignee")), LinearUser.ofId(text(issue.path("assigneeId")))),
                PayloadFields.or(LinearUser.of(issue.path("creator")), LinearUser.ofId(text(issue.path("creatorId")))),
                labels,
                text(issue.path("parentId")));
    }

    /** {@code ENG-123} from {@code https://linear.app/acme/issue/ENG-123/slug}, or null. */
    static String identifierFromUrl(String url) {
        return url == null ? null : LinearMentions.issueKeyInUrl(url);
    }

    EntityRef ref() {
        return LinearEntities.issue(identifier);
    }

    /** "ENG-123", or "an issue" when the payload leaves the identifier out. */
    String named() {
        return identifier != null ? identifier : "an issue";
    }

    /** ": Checkout times out", or nothing. */
    String titleSuffix() {
        return title == null ? "" : ": " + title;
    }

    List<String> labelNames() {
        return labels.stream().map(l -> l.name() != null ? l.name() : l.id()).toList();
    }

    /** The snapshot's subjects and attributes on an event. */
    EventDraft.Builder addTo(EventDraft.Builder draft) {
        draft.subject(ref())
                .subject(LinearEntities.team(teamKey, teamName))
                .subject(LinearEntities.project(projectId, projectName))
                .subject(LinearEntities.cycle(cycleId, cycleNumber, cycleName))
                .subject(assignee == null ? null : assignee.ref())
                .subject(creator == null ? null : creator.ref());
        labels.forEach(l -> draft.subject(LinearEntities.label(l.id(), l.name())));
        draft.attribute("identifier", identifier)
                .attribute("number", number)
                .attribute("title", title)
                .attribute("state", stateName)
                .attribute("state_type", stateType)
                .attribute("state_id", stateId)
                .attribute("priority", priority)
                .attribute("priority_label", priorityLabel)
                .attribute("estimate", estimate)
                .attribute("due_date", dueDate)
                .attribute("team_key", teamKey)
                .attribute("team_name", teamName)
                .attribute("project_id", projectId)
                .attribute("project_name", projectName)
                .attribute("cycle_id", cycleId)
                .attribute("cycle_number", cycleNumber)
                .attribute("cycle_name", cycleName)
                .attribute("labels", PayloadFields.nonEmpty(labelNames()))
                .attribute(
                        "label_ids",
                        PayloadFields.nonEmpty(labels.stream().map(Label::id).toList()))
                .attribute("parent_id", parentId);
        LinearUser.addAttributes(draft, "assignee", assignee);
        LinearUser.addAttributes(draft, "creator", creator);
        return draft;
    }
}
