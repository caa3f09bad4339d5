package dev.lightfast.server.http;

import dev.lightfast.core.json.Json;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;

/** Reads JSON request bodies with a size limit and errors that say what was wrong. */
public final class RequestBodies {
  /** API calls carry descriptions, not payloads: a megabyte is plenty. */
  public static final int MAX_API_BODY = 1 << 20;

  private RequestBodies() {}

  public static byte[] bytes(Context ctx, int max) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw ApiError.tooLarge("request body is " + declared + " bytes; the limit is " + max);
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > max) {
      throw ApiError.tooLarge("request body is " + body.length + " bytes; the limit is " + max);
    }
    return body;
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
