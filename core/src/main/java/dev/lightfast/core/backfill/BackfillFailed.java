package dev.lightfast.core.backfill;

/** The tool refused the history for good (a token revoked or expired, a repository gone): retrying will not help. */
public final class BackfillFailed extends RuntimeException {
    public BackfillFailed(String message) {
        super(message);
    }
}
