package dev.lightfast.server.mcp;

/**
 * A tool was called with arguments it cannot use (missing, of the wrong type, out of range, or an id
 * this tenant does not have). Answered as a tool error the model can read and correct, never as a
 * protocol error: the session stays usable.
 */
final class ToolInputError extends RuntimeException {
    ToolInputError(String message) {
        super(message, null, false, false);
    }
}
