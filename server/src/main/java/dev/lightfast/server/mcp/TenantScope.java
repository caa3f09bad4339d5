package dev.lightfast.server.mcp;

import dev.lightfast.core.tenant.TenantId;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * Which tenant a tool call or resource read is for. Over HTTP each request carries its own API key,
 * so the tenant comes from that request's transport context; over stdio the operator chose one
 * tenant when starting the process.
 */
@FunctionalInterface
public interface TenantScope {
    /** The transport-context key under which the HTTP gate leaves the caller's tenant. */
    String CONTEXT_KEY = "lightfast.tenant";

    TenantId of(McpSyncServerExchange exchange);

    /** The tenant the HTTP gate authenticated for this very request. */
    static TenantScope fromRequest() {
        return exchange -> tenantIn(exchange.transportContext());
    }

    static TenantScope fixed(TenantId tenant) {
        return exchange -> tenant;
    }

    private static TenantId tenantIn(McpTransportContext context) {
        if (context != null && context.get(CONTEXT_KEY) instanceof TenantId tenant) {
            return tenant;
        }
        // The gate authenticates every request before the transport sees it; reaching here is a wiring bug.
        throw new IllegalStateException("no authenticated tenant in the MCP transport context");
    }
}
