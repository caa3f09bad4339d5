package dev.lightfast.connectors.github;

import dev.lightfast.core.act.ToolOperation;
import java.util.List;
import java.util.Set;

/** What Lightfast does on GitHub, and the arguments each call carries: its actions write them, its client reads them. */
public final class GithubOperations {
    /** Arguments: {@code repo} ("owner/name"), {@code number} (issue or PR), {@code body}. */
    public static final ToolOperation COMMENT = op("GITHUB_COMMENT", "repo", "number", "body");
    /** Arguments: {@code repo}, {@code title}, {@code body}; optional {@code labels}, {@code assignees}. */
    public static final ToolOperation CREATE_ISSUE = op("GITHUB_CREATE_ISSUE", "repo", "title", "body");
    /** Arguments: {@code repo}, {@code number}, {@code assignees} (logins). */
    public static final ToolOperation ASSIGN = op("GITHUB_ASSIGN", "repo", "number", "assignees");
    /** Arguments: {@code repo}, {@code number}, {@code labels}. */
    public static final ToolOperation LABEL = op("GITHUB_LABEL", "repo", "number", "labels");
    /** Arguments: {@code repo}, {@code number} (a PR), {@code reviewers} (logins). */
    public static final ToolOperation REQUEST_REVIEW = op("GITHUB_REQUEST_REVIEW", "repo", "number", "reviewers");

    public static final Set<ToolOperation> ALL = Set.of(COMMENT, CREATE_ISSUE, ASSIGN, LABEL, REQUEST_REVIEW);

    private GithubOperations() {}

    private static ToolOperation op(String name, String... required) {
        return new ToolOperation(GithubConnector.PROVIDER, name, List.of(required));
    }
}
