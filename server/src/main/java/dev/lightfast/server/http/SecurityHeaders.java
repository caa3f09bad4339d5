package dev.lightfast.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers every response carries, whoever answers it (a route, the MCP servlet, a 404): {@code
 * X-Content-Type-Options: nosniff}, so that a browser never reads a JSON error or a stored payload
 * as a page or a script. Set on the way in, before any handler writes.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    /** For responses that carry an API key, a token, a secret or a tenant's data: kept by no cache. */
    public static final String NO_STORE = "no-store";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(NOSNIFF);
        return super.handle(request, response, callback);
    }
}
