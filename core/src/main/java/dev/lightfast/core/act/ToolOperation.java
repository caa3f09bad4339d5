package dev.lightfast.core.act;

import java.util.List;

/**
 * Every call Lightfast knows how to make on a connected tool, named once. A plan lists calls by
 * operation; each tool's client in {@code connectors.<tool>} implements the operations of its tool.
 * The argument names each operation takes are fixed here so that planners and clients agree.
 */
public enum ToolOperation {
    /** Arguments: {@code repo} ("owner/name"), {@code number} (issue or PR), {@code body}. */
    GITHUB_COMMENT("github", List.of("repo", "number", "body")),
    /** Arguments: {@code repo}, {@code title}, {@code body}; optional {@code labels}, {@code assignees}. */
    GITHUB_CREATE_ISSUE("github", List.of("repo", "title", "body")),
    /** Arguments: {@code repo}, {@code number}, {@code assignees} (logins). */
    GITHUB_ASSIGN("github", List.of("repo", "number", "assignees")),
    /** Arguments: {@code repo}, {@code number}, {@code labels}. */
    GITHUB_LABEL("github", List.of("repo", "number", "labels")),
    /** Arguments: {@code repo}, {@code number} (a PR), {@code reviewers} (logins). */
    GITHUB_REQUEST_REVIEW("github", List.of("repo", "number", "reviewers")),
    /** Arguments: {@code teamId}, {@code title}, {@code description}. */
    LINEAR_CREATE_ISSUE("linear", List.of("teamId", "title", "description")),
    /** Arguments: {@code issueId} (e.g. "ENG-12" or the UUID), {@code body}. */
    LINEAR_COMMENT("linear", List.of("issueId", "body")),
    /** Arguments: {@code issueId}, {@code assigneeId}. */
    LINEAR_ASSIGN("linear", List.of("issueId", "assigneeId")),
    /** Arguments: {@code issueId}, {@code labelNames}. */
    LINEAR_LABEL("linear", List.of("issueId", "labelNames")),
    /** Arguments: {@code channel} (id or #name), {@code text}; optional {@code threadTs}. */
    SLACK_POST_MESSAGE("slack", List.of("channel", "text")),
    /** Arguments: {@code projectId}, {@code deploymentId} (the deployment to roll back to). */
    VERCEL_ROLLBACK("vercel", List.of("projectId", "deploymentId")),
    /** Arguments: {@code issueId}, {@code text}. */
    SENTRY_COMMENT("sentry", List.of("issueId", "text")),
    /** Arguments: {@code issueId}, {@code assignedTo} (a username or "team:slug"). */
    SENTRY_ASSIGN("sentry", List.of("issueId", "assignedTo")),
    /** Arguments: {@code issueId}. */
    SENTRY_RESOLVE("sentry", List.of("issueId"));

    private final String tool;
    private final List<String> requiredArguments;

    ToolOperation(String tool, List<String> requiredArguments) {
        this.tool = tool;
        this.requiredArguments = requiredArguments;
    }

    /** The connector's source name: github, linear, slack, vercel, sentry. */
    public String tool() {
        return tool;
    }

    public List<String> requiredArguments() {
        return requiredArguments;
    }
}
