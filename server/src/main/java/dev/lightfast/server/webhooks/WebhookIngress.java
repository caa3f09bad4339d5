package dev.lightfast.server.webhooks;

import dev.lightfast.server.http.ErrorResponses;
import dev.lightfast.server.ops.ServerMetrics;
import java.nio.ByteBuffer;
import java.util.HashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The webhook route served on Jetty's own request, beside the router: {@code POST
 * /webhooks/{provider}/{connectionId}} is most of what a busy server answers, and the servlet layer,
 * the session handling and the router's path matching cost a delivery more CPU than its HMAC. The
 * delivery is handled by the same {@link WebhooksApi#receive} and answered with the same statuses,
 * bodies and metrics as on the router. Everything else, and any webhook URL that is not plainly
 * two path segments of URL-safe characters, goes on to the router unchanged.
 *
 * <p>It sits inside the graceful-shutdown handler (a stopping server lets these requests finish)
 * and the security headers.
 */
public final class WebhookIngress extends Handler.Wrapper {
    private static final String PREFIX = "/webhooks/";
    private static final String ROUTE = "/webhooks/{provider}/{connectionId}";

    private final WebhooksApi webhooks;
    private final ServerMetrics metrics;

    public WebhookIngress(WebhooksApi webhooks, ServerMetrics metrics) {
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        int split = segments(path);
        if (split < 0) {
            return super.handle(request, response, callback);
        }
        long start = System.nanoTime();
        String provider = path.substring(PREFIX.length(), split);
        String connectionId = path.substring(split + 1);
        var headers = new HashMap<String, String>();
        for (HttpField field : request.getHeaders()) {
            // The first of repeated headers, as the servlet API's getHeader gives.
            headers.putIfAbsent(field.getName(), field.getValue());
        }
        int status;
        try {
            var answer = webhooks.receive(
                    provider, connectionId, headers, request.getLength(), Content.Source.asInputStream(request));
            status = answer.status();
            write(response, callback, status, answer.contentType(), answer.body());
        } catch (RuntimeException e) {
            var error = ErrorResponses.render(e, "POST", path);
            status = error.status();
            if (error.retryAfterSeconds() != null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, error.retryAfterSeconds());
            }
            write(response, callback, status, "application/json", error.json());
        }
        metrics.request("POST", ROUTE, status, System.nanoTime() - start);
        return true;
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Where the second segment of {@code /webhooks/<provider>/<connection>} starts (the index of the
     * slash before it), or -1 when the path is not exactly that with both segments of letters,
     * digits, {@code -}, {@code _} and {@code .}.
     */
    static int segments(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return -1;
        }
        int split = -1;
        for (int i = PREFIX.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (split >= 0 || i == PREFIX.length()) {
                    return -1;
                }
                split = i;
            } else if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '_'
                    || c == '.')) {
                return -1;
            }
        }
        return split < 0 || split == path.length() - 1 ? -1 : split;
    }
}
