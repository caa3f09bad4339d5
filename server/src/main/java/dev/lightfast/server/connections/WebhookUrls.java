package dev.lightfast.server.connections;

import dev.lightfast.core.connection.Connection;
import io.javalin.http.Context;

/**
 * Where a tool should send its webhooks. With {@code LIGHTFAST_PUBLIC_URL} set, that address. Without
 * it, on the embedded store (one server, usually reached directly) the address the caller used; on
 * PostgreSQL (many servers behind a load balancer, where the {@code Host} a request arrives with is
 * whatever the client or a proxy put there) only the path, with a note saying to prefix it: a URL
 * built from a header anyone can set is not handed out as the place to send secrets-signed data.
 */
public final class WebhookUrls {
    /** Said beside a webhook URL that is only a path. */
    public static final String PATH_ONLY_NOTE = "LIGHTFAST_PUBLIC_URL is not set on this server: prefix this path"
            + " with the address the tool reaches Lightfast at (e.g. https://lightfast.example.com)";

    private final String publicUrl;
    private final boolean fromHost;

    /**
     * @param publicUrl base URL such as {@code https://lightfast.example.com}, or null
     * @param fromHost whether, without a public URL, the request's own address may be used
     */
    public WebhookUrls(String publicUrl, boolean fromHost) {
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
        this.fromHost = fromHost;
    }

    /** The request's address may be used when no public URL is set (the embedded store). */
    public WebhookUrls(String publicUrl) {
        this(publicUrl, true);
    }

    public String of(Context ctx, Connection c) {
        String path = "/webhooks/" + c.provider() + "/" + c.id();
        if (publicUrl != null) {
            return publicUrl + path;
        }
        return fromHost ? ctx.scheme() + "://" + ctx.host() + path : path;
    }

    /** What to do with the URLs handed out, or null when they are complete. */
    public String note() {
        return publicUrl == null && !fromHost ? PATH_ONLY_NOTE : null;
    }
}
