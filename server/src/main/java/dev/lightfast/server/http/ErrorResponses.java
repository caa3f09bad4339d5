package dev.lightfast.server.http;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.StateConflict;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.tenant.DuplicateTenant;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into a JSON error with the right status, in one place. A client never sees a
 * stack trace: unexpected failures are logged with a reference the client is given.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    /** An error as answered: status, code, message, and the {@code Retry-After} seconds if any. */
    public record Rendered(int status, String code, String message, String retryAfterSeconds) {
        Rendered(int status, String code, String message) {
            this(status, code, message, null);
        }

        public byte[] json() {
            return dev.lightfast.core.json.Json.MAPPER.writeValueAsBytes(ErrorBody.of(code, message));
        }
    }

    /**
     * What a failure is answered with, for the routes and for the handlers served beside the router
     * (the webhook ingress): the caller's own mistakes are 4xx; anything else is a 500 with a
     * reference, logged with the failure.
     */
    public static Rendered render(Throwable e, String method, String path) {
        return switch (e) {
            case ApiError a ->
                new Rendered(
                        a.status(),
                        a.code(),
                        a.getMessage(),
                        a.retryAfterSeconds().orElse(null));
            case WebhookRejected w ->
                switch (w.reason()) {
                    case UNAUTHENTICATED -> new Rendered(401, "invalid_signature", w.getMessage());
                    case UNKNOWN_CONNECTION -> new Rendered(404, "unknown_connection", w.getMessage());
                    case MALFORMED -> new Rendered(400, "malformed_delivery", w.getMessage());
                };
            case DuplicateTenant d -> new Rendered(409, "conflict", d.getMessage());
            case StateConflict s -> new Rendered(409, "conflict", s.getMessage());
            case JacksonException j -> new Rendered(400, "bad_request", describe(j));
            // Only the caller's own mistakes are a 400. Any other IllegalArgumentException is a bug of
            // ours (a parse of a model's output, a check that should have held): a 500, never "bad request".
            case InvalidInput i -> new Rendered(400, "bad_request", i.getMessage());
            case dev.lightfast.core.tenant.MissingScope m -> new Rendered(403, "forbidden", m.getMessage());
            default -> {
                String ref = Ids.ulid();
                LOG.error("unexpected failure on {} {} (ref {})", method, path, ref, e);
                yield new Rendered(500, "internal", "internal error; the server log has the details under ref " + ref);
            }
        };
    }

    private static void write(Context ctx, Rendered r) {
        if (r.retryAfterSeconds() != null) {
            ctx.header("Retry-After", r.retryAfterSeconds());
        }
        write(ctx, r.status(), r.code(), r.message());
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(
                ApiError.class, (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                WebhookRejected.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                DuplicateTenant.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                JacksonException.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                dev.lightfast.core.tenant.MissingScope.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                StateConflict.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(
                InvalidInput.class,
                (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String message = e.getMessage() == null || e.getMessage().isBlank() ? reason(status) : e.getMessage();
            if (e instanceof io.javalin.router.EndpointNotFound) {
                message = "no route for " + ctx.method() + " " + ctx.path() + "; /openapi.json lists them";
            }
            if (status == 413) {
                message = "request body too large: " + message;
            }
            write(ctx, status, code(status), message);
        });
        config.routes.exception(
                Exception.class, (e, ctx) -> write(ctx, render(e, ctx.method().name(), ctx.path())));
        config.routes.error(404, ctx -> {
            if (isEmpty(ctx)) {
                write(ctx, 404, "not_found", "no route for " + ctx.method() + " " + ctx.path() + "; see /openapi.json");
            }
        });
        config.routes.error(405, ctx -> {
            if (isEmpty(ctx)) {
                write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    /**
     * Says which field was wrong and why, in the client's terms rather than Jackson's. Records
     * validate in their constructors; Jackson wraps that message, which is then the useful one.
     */
    static String describe(JacksonException e) {
        if (e.getCause() instanceof InvalidInput invalid) {
            return invalid.getMessage();
        }
        String field = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining("."));
        if (field.isEmpty()) {
            // A syntax error's message is about the JSON itself; any other names our classes, which
            // tell the caller nothing.
            return e instanceof tools.jackson.core.exc.StreamReadException
                    ? "malformed JSON: " + e.getOriginalMessage()
                    : "the body does not have the expected shape; /openapi.json describes it";
        }
        if (e instanceof tools.jackson.databind.exc.InvalidFormatException bad) {
            String expected = bad.getTargetType() == java.time.Instant.class
                    ? "an ISO-8601 instant such as 2026-03-01T10:00:00Z"
                    : "a " + bad.getTargetType().getSimpleName();
            return "'" + field + "' must be " + expected + "; got " + bad.getValue();
        }
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            return "'" + field + "' has the wrong type: expected " + jsonType(mismatch.getTargetType());
        }
        return "'" + field + "' is invalid";
    }

    private static String jsonType(Class<?> type) {
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    private static boolean isEmpty(Context ctx) {
        String r = ctx.result();
        return r == null || r.isEmpty() || !r.startsWith("{\"error\"");
    }

    public static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message));
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    private static String reason(int status) {
        var s = io.javalin.http.HttpStatus.forStatus(status);
        return s.getMessage();
    }
}
