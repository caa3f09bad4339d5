package dev.lightfast.server.http;

import dev.lightfast.core.json.Json;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
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
 * <p>It extends the servlet flavour of Jetty's handler so that one instance serves both the server
 * (errors found while parsing) and the servlet context (errors a servlet sends).
 */
public final class JettyErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

    public JettyErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setCacheControl("no-store");
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        byte[] body = Json.MAPPER.writeValueAsBytes(ErrorBody.of(ErrorResponses.code(code), describe(code, message)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(SecurityHeaders.NOSNIFF);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    protected boolean generateAcceptableResponse(
            Request request,
            Response response,
            Callback callback,
            String contentType,
            List<java.nio.charset.Charset> charsets,
            int code,
            String message,
            Throwable cause) {
        generateResponse(request, response, code, message, cause, callback);
        return true;
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
