/**
 * Linear webhooks: {@code Linear-Signature} and the signed {@code webhookTimestamp}, Issue, Comment,
 * Project, Cycle and IssueLabel payloads as {@code linear.*} events (an update's {@code updatedFrom}
 * becoming one event per change), issues keyed {@code linear:ENG-123} so that their keys in branch
 * names, PR titles and commit messages meet them, and people identified by Linear id and email.
 */
package dev.lightfast.connectors.linear;
