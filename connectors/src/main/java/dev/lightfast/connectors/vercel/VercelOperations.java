package dev.lightfast.connectors.vercel;

import dev.lightfast.core.act.ToolOperation;
import java.util.List;
import java.util.Set;

/** What Lightfast does on Vercel, and the arguments each call carries: its actions write them, its client reads them. */
public final class VercelOperations {
    /** Arguments: {@code projectId}, {@code deploymentId} (the deployment to roll back to). */
    public static final ToolOperation ROLLBACK = op("VERCEL_ROLLBACK", "projectId", "deploymentId");

    public static final Set<ToolOperation> ALL = Set.of(ROLLBACK);

    private VercelOperations() {}

    private static ToolOperation op(String name, String... required) {
        return new ToolOperation(VercelConnector.PROVIDER, name, List.of(required));
    }
}
