package dev.lightfast.connectors.act;

import dev.lightfast.core.act.ToolResult;

/** The tool gave no answer (timeout, refused connection): always worth another try. */
public final class ToolUnreachable extends Exception {
    private final transient ToolResult.Retryable result;

    ToolUnreachable(ToolResult.Retryable result) {
        super(result.message(), null, false, false);
        this.result = result;
    }

    public ToolResult.Retryable result() {
        return result;
    }
}
