package dev.lightfast.core;

/**
 * The caller's request is well formed but the thing it acts on is in a state that refuses it now (a
 * backfill already running on the connection). Its message says what to do instead; a 409 over HTTP.
 * Unlike {@link InvalidInput}, sending the same request again can succeed once that state changes.
 */
public final class StateConflict extends RuntimeException {
    public StateConflict(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
