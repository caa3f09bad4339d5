package dev.lightfast.core.connector;

/** A delivery refused before anything was stored; the message tells the sender what to fix. */
public final class WebhookRejected extends RuntimeException {

    public enum Reason {
        /** Missing or wrong signature. */
        UNAUTHENTICATED,
        /** No connection with that id (or not for that tool). */
        UNKNOWN_CONNECTION,
        /** Not the tool's delivery format: bad JSON, a missing header. */
        MALFORMED
    }

    private final Reason reason;

    public WebhookRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
