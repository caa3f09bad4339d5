package dev.lightfast.connectors.act;

import dev.lightfast.core.act.ToolResult;

/**
 * A call whose arguments cannot be sent (missing, wrong type): the planner's mistake, reported as
 * {@code Failed(0, message)} without asking the tool.
 */
public final class InvalidToolCall extends RuntimeException {
    public InvalidToolCall(String message) {
        super(message, null, false, false);
    }

    public ToolResult.Failed result() {
        return new ToolResult.Failed(0, getMessage());
    }
}
