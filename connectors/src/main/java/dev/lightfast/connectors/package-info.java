/**
 * One package per tool ({@code github}, {@code linear}, {@code sentry}, {@code vercel}, {@code
 * slack}), each a {@link dev.lightfast.core.connector.WebhookConnector}: the tool's signature check,
 * its delivery id, its payloads as canonical events, and its graph extractor. This package holds
 * only what several tools read the same way: missing-safe payload reads ({@link
 * dev.lightfast.connectors.PayloadFields}), JSON bodies ({@link dev.lightfast.connectors.WebhookJson}),
 * the five-minute replay window ({@link dev.lightfast.connectors.ReplayWindow}), event type words
 * ({@link dev.lightfast.connectors.EventTypeWords}), and for graph extractors typed reads of stored
 * attributes ({@link dev.lightfast.connectors.EventAttributes}) and fact lists that skip gaps
 * ({@link dev.lightfast.connectors.GraphFactList}).
 *
 * <p><b>Adding a tool</b> touches exactly: its new package here; one entry in {@code
 * Engine.connectors()} ({@code server/.../Engine.java}); and its tests and test payloads.
 * Nothing else: connections, webhook routing, the CLI replay and the graph projector find it through
 * that registry. See {@code docs/decisions/0006-connectors.md}.
 */
package dev.lightfast.connectors;
