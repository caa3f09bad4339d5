package dev.lightfast.server.http;

import dev.lightfast.core.json.Json;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches a route: headers too large (431), a
 * URI it cannot parse or decode, a bad {@code Content-Length}, and a servlet's {@code sendError}.
 * They come back in the same {@code {"error":{"code","message"}}} shape as every other error, as
 * JSON whatever the {@code Accept} header says, and never with a stack trace or an exception's name.
 *
 * <p>This one answers for the server (errors found while parsing a request, before any context);
 * {@link Servlet} for the servlet context (errors a servlet sends).
 */
public final class JettyErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

    public JettyErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setCacheControl(SecurityHeaders.NO_STORE);
    }

    /** Every method gets a body: a request Jetty could not parse may have no method at all. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(SecurityHeaders.NOSNIFF);
        if (!request.getConnectionMetaData().isPersistent()) {
            // Jetty closes the connection after a request it could not parse, but when the request line itself
            // failed (a URI too long, a NUL in the path) it takes the request for HTTP/1.0 and does not say so
            // on its HTTP/1.1 answer: a client would keep the connection and lose its next request on it.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    static byte[] body(int code, String message) {
        return Json.MAPPER.writeValueAsBytes(ErrorBody.of(ErrorResponses.code(code), describe(code, message)));
    }

    /** The same for errors a servlet sends ({@code sendError}), written through the servlet response. */
    public static final class Servlet extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        public Servlet() {
            setShowStacks(false);
            setShowCauses(false);
            setCacheControl(SecurityHeaders.NO_STORE);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback)
                throws java.io.IOException {
            response.getHeaders().put(SecurityHeaders.NOSNIFF);
            if (!generateAcceptableResponse(
                    request,
                    response,
                    callback,
                    "application/json",
                    List.of(java.nio.charset.StandardCharsets.UTF_8),
                    code,
                    message,
                    cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(
                Request request, java.io.PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(new String(body(code, message), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * Jetty's own reasons ("Invalid UTF-8", "Ambiguous URI path separator", "Invalid Content-Length
     * Value") say what was wrong and are kept. When Jetty has none it falls back to an exception's
     * {@code toString()}, which names classes: then the status's own words are used.
     */
    static String describe(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        if (code >= 500) {
            return "internal error: " + reason;
        }
        String hint = switch (code) {
            case 431 -> "request headers too large; send fewer or shorter headers";
            case 414 -> "request URI too long";
            case 413 -> "request body too large";
            case 404 -> "no such path; /openapi.json lists the routes";
            default -> reason;
        };
        if (message == null
                || message.isBlank()
                || message.equals(reason)
                || message.contains("Exception")
                || message.contains("java.")
                || message.contains("org.")
                || message.length() > 200) {
            return hint;
        }
        return hint.equals(reason) ? reason + ": " + message : hint + " (" + message + ")";
    }
}
