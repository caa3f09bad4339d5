package dev.lightfast.core.act;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * A connected tool's API, for the operations intents need. Implementations live in {@code
 * connectors.<tool>}; they send the call's idempotency key where the tool accepts one and never log
 * the credential. A call must not throw for anything the tool or the network does: it says so in
 * its {@link ToolResult}.
 */
public interface ToolClient {
    /** The connector's source name, as in {@link ToolOperation#tool()}. */
    String tool();

    /** The tool's name for people, in messages. */
    default String title() {
        return tool();
    }

    /** The tool's own API, used when a credential names no other base; empty when it has none. */
    default Optional<URI> defaultApiBase() {
        return Optional.empty();
    }

    /** The operations this client makes, as its connector declares them. */
    Set<ToolOperation> operations();

    ToolResult call(ToolCall call, ToolCredential credential);

    /**
     * Whether a call whose outcome was never recorded (the server died while it was in flight)
     * already took effect, looked up on the tool (a marker with the idempotency key in the comment,
     * the message's metadata, a client-chosen id). The executor asks this before sending such a
     * call again, so a crash does not make the tool do it twice. Empty when not found; a client for a
     * tool that deduplicates by the key itself may leave the default.
     */
    default Optional<ToolResult.Succeeded> findDone(ToolCall call, ToolCredential credential) {
        return Optional.empty();
    }
}
