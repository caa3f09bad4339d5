/** GitHub's REST API subset for issues, comments, labels, assignees and review requests, and its webhooks. */
package dev.lightfast.emulators.github;
