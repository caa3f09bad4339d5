package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code Issue}: {@code linear.issue.created} and {@code linear.issue.removed}; an update becomes
 * one event per change people ask about, read from {@code updatedFrom} (which holds the previous
 * values of the changed fields): {@code state_changed}, {@code assignee_changed}, {@code
 * priority_changed}, {@code renamed}, {@code project_changed}, {@code cycle_changed}, {@code
 * labels_changed}, {@code estimate_changed}, {@code due_date_changed}, and {@code updated} for any
 * other change (a new description). Every event carries the issue's snapshot.
 *
 * <p>{@code updatedFrom} holds ids, not names: the state an issue left is {@code from_state_id}.
 * Its name is known from the issue's earlier events (the graph keeps each state an issue was in);
 * when a payload does carry the previous state object, its name is used.
 */
final class IssueNormalizer implements LinearNormalizer {
    /** Fields Linear changes as a side effect of another change, or that only order lists. */
    private static final Set<String> BOOKKEEPING = Set.of(
            "updatedAt",
            "sortOrder",
            "prioritySortOrder",
            "subIssueSortOrder",
            "boardOrder",
            "startedAt",
            "completedAt",
            "canceledAt",
            "addedToCycleAt",
            "addedToProjectAt",
            "addedToTeamAt",
            "triagedAt",
            "startedTriageAt",
            "autoClosedAt",
            "autoArchivedAt",
            "snoozedUntilAt",
            "subscriberIds",
            "reactionData",
            "descriptionData",
            "state",
            "assignee",
            "project",
            "cycle",
            "labels");

    private static final Set<String> SPECIFIC = Set.of(
            "stateId", "assigneeId", "priority", "title", "projectId", "cycleId", "labelIds", "estimate", "dueDate");

    @Override
    public List<EventDraft> normalize(LinearDelivery d) {
        IssueSnapshot issue = IssueSnapshot.of(d.data());
        String verb = d.verb();
        if (!verb.equals("updated") || !d.updatedFrom().isObject()) {
            return List.of(issue.addTo(d.draft(null, "issue", verb))
                    .title(d.actorName() + " " + verb + " " + issue.named() + issue.titleSuffix())
                    .body(issue.description())
                    .occurredAt(d.timeOf(timeField(d.data(), verb), d.data().path("updatedAt")))
                    .build());
        }
        List<EventDraft.Builder> events = new ArrayList<>();
        changes(d, issue, events);
        List<String> other = otherChanges(d.updatedFrom());
        if (events.isEmpty() || !other.isEmpty()) {
            String what = other.isEmpty() ? "" : " (" + String.join(", ", other) + ")";
            events.add(d.draft("updated", "issue", "updated")
                    .title(d.actorName() + " updated " + issue.named() + what + issue.titleSuffix())
                    .attribute("changed", PayloadFields.nonEmpty(other)));
        }
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i < events.size(); i++) {
            var draft = issue.addTo(events.get(i))
                    .body(issue.description())
                    .occurredAt(d.timeOf(d.data().path("updatedAt")));
            if (i == 0) {
                draft.idempotencyKey(d.deliveryKey());
            }
            drafts.add(draft.build());
        }
        return drafts;
    }

    private static void changes(LinearDelivery d, IssueSnapshot issue, List<EventDraft.Builder> events) {
        JsonNode from = d.updatedFrom();
        String who = d.actorName();
        String suffix = issue.titleSuffix();
        if (d.changed("stateId")) {
            String fromName = text(from.path("state").path("name"));
            String to = PayloadFields.or(issue.stateName(), "another state");
            events.add(d.draft("state_changed", "issue", "state_changed")
                    .title(who + " moved " + issue.named() + (fromName != null ? " from " + fromName : "") + " to " + to
                            + suffix)
                    .attribute("from_state_id", text(from.path("stateId")))
                    .attribute("from_state", fromName)
                    .attribute("to_state", issue.stateName())
                    .attribute("to_state_type", issue.stateType()));
        }
        if (d.changed("assigneeId")) {
            LinearUser to = issue.assignee();
            String title = to != null
                    ? who + " assigned " + issue.named() + " to " + to.displayName() + suffix
                    : who + " unassigned " + issue.named() + suffix;
            events.add(d.draft("assignee_changed", "issue", "assignee_changed")
                    .title(title)
                    .subject(LinearEntities.person(text(from.path("assigneeId")), null))
                    .attribute("from_assignee_id", text(from.path("assigneeId"))));
        }
        if (d.changed("priority")) {
            Long was = PayloadFields.number(from.path("priority"));
            events.add(d.draft("priority_changed", "issue", "priority_changed")
                    .title(who + " changed the priority of " + issue.named() + " from " + priorityName(was) + " to "
                            + PayloadFields.or(issue.priorityLabel(), priorityName(issue.priority())) + suffix)
                    .attribute("from_priority", was));
        }
        if (d.changed("title")) {
            String was = text(from.path("title"));
            events.add(d.draft("renamed", "issue", "renamed")
                    .title(who + " renamed " + issue.named() + (was != null ? " from \"" + was + "\"" : "") + " to \""
                            + PayloadFields.or(issue.title(), "") + "\"")
                    .attribute("from_title", was));
        }
        if (d.changed("projectId")) {
            String title = issue.projectId() != null
                    ? who + " moved " + issue.named() + " to project "
                            + PayloadFields.or(issue.projectName(), issue.projectId())
                    : who + " removed " + issue.named() + " from its project";
            events.add(d.draft("project_changed", "issue", "project_changed")
                    .title(title + suffix)
                    .attribute("from_project_id", text(from.path("projectId"))));
        }
        if (d.changed("cycleId")) {
            String cycle = PayloadFields.or(
                    issue.cycleName(), issue.cycleNumber() == null ? null : "Cycle " + issue.cycleNumber());
            String title = issue.cycleId() != null
                    ? who + " added " + issue.named() + " to " + PayloadFields.or(cycle, "a cycle")
                    : who + " removed " + issue.named() + " from its cycle";
            events.add(d.draft("cycle_changed", "issue", "cycle_changed")
                    .title(title + suffix)
                    .attribute("from_cycle_id", text(from.path("cycleId"))));
        }
        if (d.changed("labelIds")) {
            Set<String> before = new LinkedHashSet<>(PayloadFields.texts(from.path("labelIds"), null));
            Set<String> now = new LinkedHashSet<>(
                    issue.labels().stream().map(IssueSnapshot.Label::id).toList());
            now.addAll(PayloadFields.texts(d.data().path("labelIds"), null));
            List<String> added = now.stream().filter(id -> !before.contains(id)).toList();
            List<String> removed =
                    before.stream().filter(id -> !now.contains(id)).toList();
            List<String> addedNames = issue.labels().stream()
                    .filter(l -> added.contains(l.id()))
                    .map(l -> PayloadFields.or(l.name(), l.id()))
                    .toList();
            String title = !addedNames.isEmpty() && removed.isEmpty()
                    ? who + " labeled " + issue.named() + " " + String.join(", ", addedNames)
                    : who + " changed the labels of " + issue.named();
            events.add(d.draft("labels_changed", "issue", "labels_changed")
                    .title(title + suffix)
                    .attribute("added_label_ids", PayloadFields.nonEmpty(added))
                    .attribute("added_labels", PayloadFields.nonEmpty(addedNames))
                    .attribute("removed_label_ids", PayloadFields.nonEmpty(removed)));
        }
        if (d.changed("estimate")) {
            Number was = PayloadFields.decimal(from.path("estimate"));
            String title = issue.estimate() != null
                    ? who + " estimated " + issue.named() + " at " + issue.estimate()
                            + (was != null ? " (was " + was + ")" : "")
                    : who + " removed the estimate of " + issue.named();
            events.add(d.draft("estimate_changed", "issue", "estimate_changed")
                    .title(title + suffix)
                    .attribute("from_estimate", was));
        }
        if (d.changed("dueDate")) {
            String title = issue.dueDate() != null
                    ? who + " set the due date of " + issue.named() + " to " + issue.dueDate()
                    : who + " removed the due date of " + issue.named();
            events.add(d.draft("due_date_changed", "issue", "due_date_changed")
                    .title(title + suffix)
                    .attribute("from_due_date", text(from.path("dueDate"))));
        }
    }

    /** Changed fields with no event of their own, in the order Linear listed them. */
    private static List<String> otherChanges(JsonNode updatedFrom) {
        List<String> other = new ArrayList<>();
        for (String field : updatedFrom.propertyNames()) {
            if (!BOOKKEEPING.contains(field) && !SPECIFIC.contains(field) && other.size() < PayloadFields.MAX_LIST) {
                other.add(field);
            }
        }
        return other;
    }

    /** Linear's own priority names: 0 none, 1 urgent … 4 low. */
    static String priorityName(Long priority) {
        if (priority == null) {
            return "none";
        }
        return switch (priority.intValue()) {
            case 0 -> "No priority";
            case 1 -> "Urgent";
            case 2 -> "High";
            case 3 -> "Medium";
            case 4 -> "Low";
            default -> "priority " + priority;
        };
    }

    private static JsonNode timeField(JsonNode issue, String verb) {
        return switch (verb) {
            case "created" -> issue.path("createdAt");
            case "removed" -> issue.path("archivedAt");
            default -> issue.path("updatedAt");
        };
    }
}
