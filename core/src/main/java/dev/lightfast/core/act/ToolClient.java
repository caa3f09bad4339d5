package dev.lightfast.core.act;

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

    Set<ToolOperation> operations();

    ToolResult call(ToolCall call, ToolCredential credential);
}
