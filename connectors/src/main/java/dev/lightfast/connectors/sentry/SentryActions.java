package dev.lightfast.connectors.sentry;

import dev.lightfast.core.act.ToolAction;
import dev.lightfast.core.act.ToolActions;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.json.Json;
import java.util.Optional;
import java.util.Set;

/** What intents do on Sentry, in its terms: issues by numeric id, members as {@code user:<id>}. */
public final class SentryActions implements ToolActions {
    private static final String ISSUE = "issue/";
    private static final String USER = "user/";

    @Override
    public String tool() {
        return SentryConnector.PROVIDER;
    }

    @Override
    public String title() {
        return SentryToolClient.NAME;
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.COMMENT, Primitive.ASSIGN);
    }

    @Override
    public Optional<String> referenceExample() {
        return Optional.of("a " + SentryToolClient.NAME + " issue");
    }

    @Override
    public Optional<ToolAction> comment(Entity on, String text) {
        return Optional.of(new ToolAction(
                SentryOperations.COMMENT,
                Json.MAPPER.createObjectNode().put("issueId", issue(on)).put("text", text)));
    }

    /** A note on a Sentry issue goes on the issue too. */
    @Override
    public boolean takesNotes(Entity incident) {
        return ToolActions.local(incident).startsWith(ISSUE);
    }

    @Override
    public Optional<ToolAction> assign(Entity item, Entity assignee) {
        // Sentry reads a bare number as nothing: a member is "user:<id>".
        return Optional.of(new ToolAction(
                SentryOperations.ASSIGN,
                Json.MAPPER
                        .createObjectNode()
                        .put("issueId", issue(item))
                        .put("assignedTo", "user:" + ToolActions.local(assignee).replace(USER, ""))));
    }

    private static String issue(Entity e) {
        String local = ToolActions.local(e);
        if (!local.startsWith(ISSUE)) {
            throw ToolActions.cannot("act on", e, SentryToolClient.NAME);
        }
        return local.substring(ISSUE.length());
    }
}
