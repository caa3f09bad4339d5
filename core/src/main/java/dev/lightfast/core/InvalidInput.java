package dev.lightfast.core;

/**
 * The caller's own input is wrong: a field missing or malformed, a value out of range. Its message
 * says what to fix, in the caller's terms, and is shown to the caller (a 400 over HTTP, a tool error
 * over MCP).
 *
 * <p>Only this type means "the caller's mistake". Any other exception, an {@link
 * IllegalArgumentException} included, is a programming error: a 500 with a reference, its details
 * kept in the server log. It extends {@link IllegalArgumentException} so that code which checks an
 * argument and catches that type still catches it.
 */
public final class InvalidInput extends IllegalArgumentException {
    public InvalidInput(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // An answer to the caller, not a failure to debug: the message is the whole story.
        return this;
    }
}
