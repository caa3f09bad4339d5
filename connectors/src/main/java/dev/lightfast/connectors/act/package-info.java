/**
 * What every tool client shares: one HTTP client with timeouts, the mapping of a tool's answer
 * onto {@link dev.lightfast.core.act.ToolResult}, {@code Retry-After}, argument checks and the
 * marker that carries a call's idempotency key into what the tool stores.
 */
package dev.lightfast.connectors.act;
