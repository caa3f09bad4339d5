package dev.lightfast.core.why;

import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.tenant.TenantId;

/**
 * Explains why something happened by walking its causes backwards through the graph. Answers hand
 * "why" and "what caused" questions to it; {@code GET /v1/why} and the MCP {@code why} tool call it.
 */
public interface WhyChains {

    /** The causal chain behind {@code start} as known at {@code asOf}; empty steps when none is known. */
    Chain explain(TenantId tenant, Entity start, AsOf asOf);
}
