package dev.lightfast.server.http;

/**
 * An error to answer with: an HTTP status, a stable machine-readable code and a message a person
 * can act on. Rendered as {@code {"error":{"code","message"}}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String retryAfterSeconds;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** With a {@code Retry-After} header of so many seconds (a 503 that will pass). */
    public ApiError(int status, String code, String message, String retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "payload_too_large", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The {@code Retry-After} header to answer with, if any. */
    public java.util.Optional<String> retryAfterSeconds() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }
}
