package dev.lightfast.connectors.linear;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.GraphFactList;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.graph.RelationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear events as graph facts, read from the stored event alone (its attributes name every
 * person by id, name and email; see {@link LinearUser}).
 *
 * <ul>
 *   <li>issue: {@code belongs_to} its team, project and cycle; {@code assigned_to} its assignee;
 *       {@code labeled} each label; its creator {@code authored} it; a change of assignee,
 *       project, cycle or labels {@code Ends} the old edge; each event {@code Describes} the
 *       issue's state, title and priority at that time;
 *   <li>comment: its author {@code commented_on} the issue;
 *   <li>project: its lead {@code leads} it; cycle and label: described;
 *   <li>every text (issue description, comment) {@code mentions} what the mention scanners find
 *       in it (a pull request URL, a deploy, another issue), from the issue;
 *   <li>every person: {@code Identifies} with the {@code linear_user} id and, when Linear gives
 *       it, the {@code email}, which is what joins them with the same person elsewhere.
 * </ul>
 */
public final class LinearGraph implements GraphExtractor {

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        var facts = new GraphFactList(event.occurredAt());
        var a = new EventAttributes(event.attributes());
        person(facts, LinearUser.from(a, "actor"));
        String[] words = event.type().split("\\.");
        String family = words.length > 1 ? words[1] : "";
        String verb = words.length > 2 ? words[2] : "";
        EntityRef about = switch (family) {
            case "issue" -> issue(facts, a, verb);
            case "comment" -> comment(facts, a);
            case "project" -> project(facts, a);
            case "cycle" -> cycle(facts, a);
            case "issue_label" -> label(facts, a);
            default -> other(facts, event);
        };
        if (about != null) {
            for (EntityRef mentioned : mentions.scan(event.title() + "\n" + event.body())) {
                facts.relate(RelationType.MENTIONS, about, mentioned);
            }
        }
        return facts.facts();
    }

    @Override
    public List<EntityRef> mentionsIn(String text) {
        return LinearMentions.in(text);
    }

    private static EntityRef issue(GraphFactList facts, EventAttributes a, String verb) {
        EntityRef issue = LinearEntities.issue(a.text("identifier"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", a.text("title"));
        state.put("state", a.text("state"));
        state.put("state_type", a.text("state_type"));
        state.put("priority", a.text("priority_label"));
        state.put("estimate", a.raw("estimate"));
        state.put("due_date", a.text("due_date"));
        if (verb.equals("removed")) {
            state.put("removed", true);
        }
        facts.describe(issue, state);

        EntityRef team = LinearEntities.team(a.text("team_key"), a.text("team_name"));
        EntityRef project = LinearEntities.project(a.text("project_id"), a.text("project_name"));
        EntityRef cycle = LinearEntities.cycle(a.text("cycle_id"), a.number("cycle_number"), a.text("cycle_name"));
        facts.describe(team)
                .describe(project)
                .describe(cycle)
                .relate(RelationType.BELONGS_TO, issue, team)
                .relate(RelationType.BELONGS_TO, issue, project)
                .relate(RelationType.BELONGS_TO, issue, cycle);

        LinearUser assignee = LinearUser.from(a, "assignee");
        LinearUser creator = LinearUser.from(a, "creator");
        person(facts, assignee);
        person(facts, creator);
        facts.relate(RelationType.ASSIGNED_TO, issue, ref(assignee)).relate(RelationType.AUTHORED, ref(creator), issue);

        List<String> labelIds = a.texts("label_ids");
        List<String> labelNames = a.texts("labels");
        for (int i = 0; i < labelIds.size(); i++) {
            EntityRef label = LinearEntities.label(labelIds.get(i), i < labelNames.size() ? labelNames.get(i) : null);
            facts.describe(label).relate(RelationType.LABELED, issue, label);
        }

        switch (verb) {
            case "assignee_changed" -> {
                String from = a.text("from_assignee_id");
                if (from != null && (assignee == null || !from.equals(assignee.id()))) {
                    facts.end(RelationType.ASSIGNED_TO, issue, LinearEntities.person(from, null));
                }
            }
            case "project_changed" ->
                endIfMoved(
                        facts,
                        RelationType.BELONGS_TO,
                        issue,
                        a.text("from_project_id"),
                        a.text("project_id"),
                        LinearEntities.project(a.text("from_project_id"), null));
            case "cycle_changed" ->
                endIfMoved(
                        facts,
                        RelationType.BELONGS_TO,
                        issue,
                        a.text("from_cycle_id"),
                        a.text("cycle_id"),
                        LinearEntities.cycle(a.text("from_cycle_id"), null, null));
            case "labels_changed" ->
                a.texts("removed_label_ids")
                        .forEach(id -> facts.end(RelationType.LABELED, issue, LinearEntities.label(id, null)));
            default -> {}
        }
        return issue;
    }

    private static void endIfMoved(
            GraphFactList facts, RelationType type, EntityRef issue, String fromId, String toId, EntityRef old) {
        if (fromId != null && !fromId.equals(toId)) {
            facts.end(type, issue, old);
        }
    }

    private static EntityRef comment(GraphFactList facts, EventAttributes a) {
        EntityRef issue = LinearEntities.issue(a.text("issue_identifier"));
        LinearUser author = LinearUser.from(a, "author");
        person(facts, author);
        facts.describe(issue, a.text("issue_title") == null ? Map.of() : Map.of("title", a.text("issue_title")));
        facts.relate(RelationType.COMMENTED_ON, ref(author != null ? author : LinearUser.from(a, "actor")), issue);
        return issue;
    }

    private static EntityRef project(GraphFactList facts, EventAttributes a) {
        EntityRef project = LinearEntities.project(a.text("project_id"), a.text("name"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", a.text("name"));
        state.put("status", a.text("status"));
        state.put("target_date", a.text("target_date"));
        state.put("health", a.text("health"));
        facts.describe(project, state);
        LinearUser lead = LinearUser.from(a, "lead");
        person(facts, lead);
        facts.relate(RelationType.LEADS, ref(lead), project);
        String from = a.text("from_lead_id");
        if (from != null && (lead == null || !from.equals(lead.id()))) {
            facts.end(RelationType.LEADS, LinearEntities.person(from, null), project);
        }
        return project;
    }

    private static EntityRef cycle(GraphFactList facts, EventAttributes a) {
        EntityRef cycle = LinearEntities.cycle(a.text("cycle_id"), a.number("number"), a.text("name"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("number", a.number("number"));
        state.put("name", a.text("name"));
        state.put("starts_at", a.text("starts_at"));
        state.put("ends_at", a.text("ends_at"));
        state.put("completed_at", a.text("completed_at"));
        facts.describe(cycle, state);
        return cycle;
    }

    private static EntityRef label(GraphFactList facts, EventAttributes a) {
        EntityRef label = LinearEntities.label(a.text("label_id"), a.text("name"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", a.text("name"));
        state.put("color", a.text("color"));
        facts.describe(label, state);
        return label;
    }

    /** A raw event: its subjects exist; mentions hang off the first. */
    private static EntityRef other(GraphFactList facts, Event event) {
        event.subjects().forEach(facts::describe);
        return event.subjects().isEmpty() ? null : event.subjects().getFirst();
    }

    private static void person(GraphFactList facts, LinearUser user) {
        if (user == null) {
            return;
        }
        EntityRef person = user.ref();
        facts.describe(person, user.name() == null ? Map.of() : Map.of("name", user.name()))
                .identify(person, "linear_user", user.id(), "Linear user id in a signed Linear webhook")
                .identify(person, "email", user.email(), "email of the Linear user, in a signed Linear webhook");
        if (user.name() != null) {
            facts.identify(person, "name", user.name(), "display name in Linear (recorded, never joined on)");
        }
    }

    private static EntityRef ref(LinearUser user) {
        return user == null ? null : user.ref();
    }
}
