package dev.lightfast.server.http;

/** Who may call a route. */
public enum Auth {
    /** Anyone: health, metrics, the API description. */
    NONE,
    /** The operator's admin token. */
    ADMIN,
    /** A tenant's API key; the route sees only that tenant. */
    TENANT,
    /**
     * The console's session cookie (from {@code POST /console/session}); a change also needs the
     * session's CSRF token in {@code X-CSRF-Token}. Tenant routes take it too, in place of a key.
     */
    SESSION,
    /** The tool's own signature over the body (webhooks). */
    SIGNATURE
}
