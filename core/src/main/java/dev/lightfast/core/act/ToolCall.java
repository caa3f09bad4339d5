package dev.lightfast.core.act;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One concrete call on a connected tool: what a plan lists and an executor makes. The idempotency
 * key is fixed when the plan is made, so a call retried after a crash is the same call to the tool.
 */
public record ToolCall(String connectionId, ToolOperation operation, ObjectNode arguments, String idempotencyKey) {
    public ToolCall {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
