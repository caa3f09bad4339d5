package dev.lightfast.server.connections;

import dev.lightfast.core.connection.Connection;
import io.javalin.http.Context;

/**
 * Where a tool should send its webhooks. Behind a proxy the public address is configured
 * ({@code LIGHTFAST_PUBLIC_URL}); otherwise it is the address the caller used to reach us.
 */
public final class WebhookUrls {
    private final String publicUrl;

    /** @param publicUrl base URL such as {@code https://lightfast.example.com}, or null */
    public WebhookUrls(String publicUrl) {
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    public String of(Context ctx, Connection c) {
        String base = publicUrl != null ? publicUrl : ctx.scheme() + "://" + ctx.host();
        return base + "/webhooks/" + c.provider() + "/" + c.id();
    }
}
