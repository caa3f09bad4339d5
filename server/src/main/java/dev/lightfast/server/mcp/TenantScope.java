package dev.lightfast.server.mcp;

import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.TenantId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * Who a tool call or resource read is for. Over HTTP each request carries its own API key, so the
 * caller (tenant, key id, scopes) comes from that request's transport context, and the key's scopes
 * apply to the tools as to the REST routes; over stdio the operator chose one tenant when starting
 * the process and acts with all of its scopes, recorded as {@value #STDIO_KEY}.
 */
@FunctionalInterface
public interface TenantScope {
    /** The transport-context key under which the HTTP gate leaves the caller's tenant. */
    String CONTEXT_KEY = "lightfast.tenant";
    /** The transport-context key under which the HTTP gate leaves the whole caller. */
    String CALLER_KEY = "lightfast.caller";
    /** Who the audit trail names for what an operator does over stdio. */
    String STDIO_KEY = "stdio";

    Caller caller(McpSyncServerExchange exchange);

    default TenantId of(McpSyncServerExchange exchange) {
        return caller(exchange).tenant();
    }

    /** The caller the HTTP gate authenticated for this very request. */
    static TenantScope fromRequest() {
        return exchange -> callerIn(exchange.transportContext());
    }

    static TenantScope fixed(TenantId tenant) {
        var operator = new Caller(tenant, STDIO_KEY, Scope.ALL);
        return exchange -> operator;
    }

    private static Caller callerIn(McpTransportContext context) {
        if (context != null && context.get(CALLER_KEY) instanceof Caller caller) {
            return caller;
        }
        // The gate authenticates every request before the transport sees it; reaching here is a wiring bug.
        throw new IllegalStateException("no authenticated caller in the MCP transport context");
    }
}
