package dev.lightfast.connectors.linear;

import dev.lightfast.core.act.ToolOperation;
import java.util.List;
import java.util.Set;

/** What Lightfast does on Linear, and the arguments each call carries: its actions write them, its client reads them. */
public final class LinearOperations {
    /** Arguments: {@code teamId}, {@code title}, {@code description}. */
    public static final ToolOperation CREATE_ISSUE = op("LINEAR_CREATE_ISSUE", "teamId", "title", "description");
    /** Arguments: {@code issueId} (e.g. "ENG-12" or the UUID), {@code body}. */
    public static final ToolOperation COMMENT = op("LINEAR_COMMENT", "issueId", "body");
    /** Arguments: {@code issueId}, {@code assigneeId}. */
    public static final ToolOperation ASSIGN = op("LINEAR_ASSIGN", "issueId", "assigneeId");
    /** Arguments: {@code issueId}, {@code labelNames}. */
    public static final ToolOperation LABEL = op("LINEAR_LABEL", "issueId", "labelNames");

    public static final Set<ToolOperation> ALL = Set.of(CREATE_ISSUE, COMMENT, ASSIGN, LABEL);

    private LinearOperations() {}

    private static ToolOperation op(String name, String... required) {
        return new ToolOperation(LinearConnector.PROVIDER, name, List.of(required));
    }
}
