package dev.lightfast.connectors.linear;

import dev.lightfast.core.act.ToolAction;
import dev.lightfast.core.act.ToolActions;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** What intents do on Linear, in its terms: issues by identifier (ENG-12), people by user id, teams by key. */
public final class LinearActions implements ToolActions {
    private static final String TEAM = "team/";
    private static final String USER = "user/";

    @Override
    public String tool() {
        return LinearConnector.PROVIDER;
    }

    @Override
    public String title() {
        return LinearToolClient.NAME;
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.COMMENT, Primitive.ASSIGN, Primitive.LABEL, Primitive.OPEN_TICKET);
    }

    @Override
    public Optional<String> referenceExample() {
        return Optional.of("ENG-12");
    }

    @Override
    public Optional<ToolAction> comment(Entity on, String text) {
        return Optional.of(new ToolAction(LinearOperations.COMMENT, issue(on).put("body", text)));
    }

    @Override
    public Optional<ToolAction> assign(Entity item, Entity assignee) {
        return Optional.of(new ToolAction(
                LinearOperations.ASSIGN,
                issue(item).put("assigneeId", ToolActions.local(assignee).replace(USER, ""))));
    }

    @Override
    public Optional<ToolAction> label(Entity item, List<String> labels) {
        ObjectNode args = issue(item);
        var arr = args.putArray("labelNames");
        labels.forEach(arr::add);
        return Optional.of(new ToolAction(LinearOperations.LABEL, args));
    }

    /** A Linear team is its own tracker ("the payments team's tracker"). */
    @Override
    public Optional<String> ownTracker(Entity place) {
        String local = ToolActions.local(place);
        return dev.lightfast.core.graph.EntityKind.TEAM.is(place.kind()) && local.startsWith(TEAM)
                ? Optional.of(local.substring(TEAM.length()))
                : Optional.empty();
    }

    /** The team an issue is in: {@code ENG} for ENG-12. */
    @Override
    public Optional<String> trackerOf(Entity issue) {
        String local = ToolActions.local(issue);
        int dash = local.lastIndexOf('-');
        return Optional.of(dash > 0 ? local.substring(0, dash) : local);
    }

    @Override
    public String trackerName(String team) {
        return "team " + team;
    }

    /** A repository's work reaches Linear through the pull requests that link its issues. */
    @Override
    public String trackedVerb() {
        return "linked";
    }

    @Override
    public Optional<ToolAction> openTicket(String team, String title, String body) {
        return Optional.of(new ToolAction(
                LinearOperations.CREATE_ISSUE,
                Json.MAPPER
                        .createObjectNode()
                        .put("teamId", team)
                        .put("title", title)
                        .put("description", body)));
    }

    private static ObjectNode issue(Entity e) {
        return Json.MAPPER.createObjectNode().put("issueId", ToolActions.local(e));
    }
}
