package dev.lightfast.connectors.sentry;

import dev.lightfast.core.act.ToolOperation;
import java.util.List;
import java.util.Set;

/** What Lightfast does on Sentry, and the arguments each call carries: its actions write them, its client reads them. */
public final class SentryOperations {
    /** Arguments: {@code issueId}, {@code text}. */
    public static final ToolOperation COMMENT = op("SENTRY_COMMENT", "issueId", "text");
    /** Arguments: {@code issueId}, {@code assignedTo} (a username or "team:slug"). */
    public static final ToolOperation ASSIGN = op("SENTRY_ASSIGN", "issueId", "assignedTo");
    /** Arguments: {@code issueId}. */
    public static final ToolOperation RESOLVE = op("SENTRY_RESOLVE", "issueId");

    public static final Set<ToolOperation> ALL = Set.of(COMMENT, ASSIGN, RESOLVE);

    private SentryOperations() {}

    private static ToolOperation op(String name, String... required) {
        return new ToolOperation(SentryConnector.PROVIDER, name, List.of(required));
    }
}
