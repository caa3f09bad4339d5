package dev.lightfast.core.act;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** How one attempt of a {@link ToolCall} ended, as the executor needs to decide what comes next. */
public sealed interface ToolResult {
    /** The tool did it. {@code url} is the tool's link to what changed, when it gives one. */
    record Succeeded(int status, JsonNode response, String url) implements ToolResult {}

    /**
     * Worth trying again: 429, 5xx, a timeout or a refused connection. {@code after} is the tool's
     * {@code Retry-After} when it sent one, else null (the executor's backoff decides).
     */
    record Retryable(int status, Duration after, String message) implements ToolResult {}

    /** Will not work by retrying (401, 403, 404, 422...): {@code message} is the tool's own words. */
    record Failed(int status, String message) implements ToolResult {}
}
