package dev.lightfast.server.http;

/** Who may call a route. */
public enum Auth {
    /** Anyone: health, metrics, the API description. */
    NONE,
    /** The operator's admin token. */
    ADMIN,
    /** A tenant's API key; the route sees only that tenant. */
    TENANT,
    /** The tool's own signature over the body (webhooks). */
    SIGNATURE
}
