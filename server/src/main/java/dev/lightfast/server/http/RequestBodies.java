package dev.lightfast.server.http;

import dev.lightfast.core.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;

/** Reads JSON request bodies with a size limit and errors that say what was wrong. */
public final class RequestBodies {
    /** API calls carry descriptions, not payloads: a megabyte is plenty. */
    public static final int MAX_API_BODY = 1 << 20;

    private RequestBodies() {}

    /**
     * Reads the body, refusing more than {@code max} bytes. A refused body is still read (and
     * dropped) up to {@link #DRAIN_LIMIT}, so that the client, which is usually still sending, gets
     * to read the 413 instead of a reset connection.
     */
    public static byte[] bytes(Context ctx, int max) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                drain(in);
                throw ApiError.tooLarge("request body is " + declared + " bytes; the limit is " + max);
            }
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                drain(in);
                throw ApiError.tooLarge("request body is over the limit of " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** How much of a refused body is read to be able to answer; beyond it the connection is dropped. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private static void drain(InputStream in) throws IOException {
        long left = DRAIN_LIMIT;
        byte[] sink = new byte[64 * 1024];
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }

    public static <T> T required(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx, MAX_API_BODY);
        if (body.length == 0) {
            throw ApiError.badRequest("this call needs a JSON body");
        }
        return parse(body, type);
    }

    public static <T> T optional(Context ctx, Class<T> type, T absent) {
        byte[] body = bytes(ctx, MAX_API_BODY);
        return isBlank(body) ? absent : parse(body, type);
    }

    public static <T> T parse(byte[] body, Class<T> type) {
        JsonNode tree = Json.MAPPER.readTree(body);
        if (tree == null || !tree.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return Json.MAPPER.treeToValue(tree, type);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
