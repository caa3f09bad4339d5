/**
 * Slack's Events API: {@code v0} request signing with its timestamp, the {@code url_verification}
 * challenge, messages (edits and deletions as new events, replies with their thread), reactions,
 * channel and member events as {@code slack.*} keyed by {@code event_id}; messages that record a
 * decision, in words or by a check mark, become decision entities.
 */
package dev.lightfast.connectors.slack;
