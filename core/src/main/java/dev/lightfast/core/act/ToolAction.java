package dev.lightfast.core.act;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** The tool-specific half of a planned call: which operation, with its arguments in the tool's terms. */
public record ToolAction(ToolOperation operation, ObjectNode arguments) {
    public ToolAction {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(arguments, "arguments");
    }
}
