/** Linear's GraphQL API subset (issueCreate, commentCreate, issueUpdate, issue, comment, issueLabels) and its webhooks. */
package dev.lightfast.emulators.linear;
