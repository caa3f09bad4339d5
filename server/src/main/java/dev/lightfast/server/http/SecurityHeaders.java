package dev.lightfast.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers every response carries, whoever answers it (a route, the MCP servlet, a 404, the
 * console's files): {@code X-Content-Type-Options: nosniff}, so that a browser never reads a JSON
 * error or a stored payload as a page or a script, and one strict content security policy, so that
 * the console runs only its own scripts and styles from this server, talks only to this server, and
 * no other site frames it. Set on the way in, before any handler writes.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    /**
     * No inline script or style, nothing from another origin; {@code img-src data:} only for the
     * favicon-less page's own SVG. The tools' links are plain navigations, which a CSP does not limit.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static final HttpField CSP = new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    /** A citation's link to a tool does not tell the tool which console page it was opened from. */
    static final HttpField NO_REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");
    /** For responses that carry an API key, a token, a secret or a tenant's data: kept by no cache. */
    public static final String NO_STORE = "no-store";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(NOSNIFF);
        response.getHeaders().put(CSP);
        response.getHeaders().put(NO_REFERRER);
        return super.handle(request, response, callback);
    }
}
