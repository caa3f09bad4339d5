package dev.lightfast.connectors.vercel;

import dev.lightfast.core.act.ToolAction;
import dev.lightfast.core.act.ToolActions;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.json.Json;
import java.util.Optional;
import java.util.Set;

/** What intents do on Vercel: roll a project back to an earlier deployment, both by id. */
public final class VercelActions implements ToolActions {
    private static final String PROJECT = "project/";
    private static final String DEPLOYMENT = "deployment/";

    @Override
    public String tool() {
        return VercelConnector.PROVIDER;
    }

    @Override
    public String title() {
        return VercelToolClient.NAME;
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.ROLLBACK);
    }

    @Override
    public Optional<ToolAction> rollback(Entity project, Entity deployment) {
        return Optional.of(new ToolAction(
                VercelOperations.ROLLBACK,
                Json.MAPPER
                        .createObjectNode()
                        .put("projectId", ToolActions.local(project).replace(PROJECT, ""))
                        .put("deploymentId", ToolActions.local(deployment).replace(DEPLOYMENT, ""))));
    }
}
