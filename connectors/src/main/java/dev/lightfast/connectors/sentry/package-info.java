/**
 * Sentry integration-platform webhooks: {@code Sentry-Hook-Signature} and {@code
 * Sentry-Hook-Timestamp}, issue, error, issue-alert, metric-alert and comment payloads as {@code
 * sentry.*} events keyed by {@code Request-ID}; incidents linked to the release they were seen in
 * and, when the release is a commit SHA, to {@code git:<sha>}.
 */
package dev.lightfast.connectors.sentry;
