package dev.lightfast.server.mcp;

import dev.lightfast.core.json.Json;
import dev.lightfast.core.json.Utf8;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a JSON-RPC message posted to {@code /mcp} before the MCP SDK sees it, and says what is
 * wrong in JSON-RPC's own terms. The SDK answers a malformed message badly: with a Java stack trace,
 * with the names of its classes, or (for {@code "params":"x"}) with an empty 200 that leaves the
 * client waiting forever. Here every malformed message gets a JSON-RPC error object: parse error
 * (-32700), invalid request (-32600) or invalid params (-32602), with a message a client can act on.
 *
 * <p>The params of the methods this server answers are checked for the shape the SDK will read
 * them into; a tool's own arguments are the tool's to check (as a tool error, see {@code
 * ToolArguments}).
 */
final class JsonRpcEnvelope {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private static final Set<String> RESPONSE_FIELDS = Set.of("result", "error");

    /** What is wrong with a message, and the id to answer it under (null when it has no usable id). */
    record Problem(int code, String message, JsonNode id) {
        /** The JSON-RPC error response for it. */
        byte[] response() {
            return error(id, code, message);
        }
    }

    private JsonRpcEnvelope() {}

    /** The problem with {@code body}, or empty when the SDK may have it. */
    static Optional<Problem> check(byte[] body) {
        if (Utf8.firstInvalid(body) >= 0) {
            return problem(PARSE_ERROR, "Parse error: the body is not valid UTF-8", null);
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return problem(PARSE_ERROR, "Parse error: the body is not JSON (" + e.getOriginalMessage() + ")", null);
        }
        if (message == null || message.isMissingNode()) {
            return problem(PARSE_ERROR, "Parse error: the body is empty", null);
        }
        if (message.isArray()) {
            return problem(
                    INVALID_REQUEST, "Invalid Request: batches are not supported; send one message per request", null);
        }
        if (!message.isObject()) {
            return problem(INVALID_REQUEST, "Invalid Request: a message is a JSON object", null);
        }
        JsonNode id = message.get("id");
        boolean hasId = id != null && !id.isNull();
        if (hasId && !(id.isString() || id.isIntegralNumber())) {
            return problem(INVALID_REQUEST, "Invalid Request: 'id' must be a string or an integer", null);
        }
        JsonNode answerId = hasId ? id : null;
        if (!"2.0".equals(textOf(message.get("jsonrpc")))) {
            return problem(INVALID_REQUEST, "Invalid Request: 'jsonrpc' must be \"2.0\"", answerId);
        }
        JsonNode method = message.get("method");
        if (method == null) {
            return response(message, answerId);
        }
        if (!method.isString() || method.stringValue().isBlank()) {
            return problem(INVALID_REQUEST, "Invalid Request: 'method' must be a non-empty string", answerId);
        }
        if (id != null && id.isNull()) {
            return problem(INVALID_REQUEST, "Invalid Request: a request's 'id' must not be null", null);
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject()) {
            return problem(INVALID_PARAMS, "Invalid params: 'params' must be an object", answerId);
        }
        return params(method.stringValue(), params == null ? Json.MAPPER.createObjectNode() : params, answerId);
    }

    /** A response to a request of ours: it must carry its id and a result or an error. */
    private static Optional<Problem> response(JsonNode message, JsonNode id) {
        long kinds = RESPONSE_FIELDS.stream().filter(message::has).count();
        if (kinds != 1) {
            return problem(
                    INVALID_REQUEST,
                    "Invalid Request: a message needs a 'method' (a request or a notification), or exactly one of"
                            + " 'result' and 'error' (a response)",
                    id);
        }
        if (id == null) {
            return problem(INVALID_REQUEST, "Invalid Request: a response needs the 'id' of its request", null);
        }
        JsonNode error = message.get("error");
        if (error != null
                && (!error.isObject()
                        || !error.path("code").isIntegralNumber()
                        || !error.path("message").isString())) {
            return problem(
                    INVALID_REQUEST,
                    "Invalid Request: 'error' must be an object with an integer 'code' and a" + " 'message'",
                    id);
        }
        return Optional.empty();
    }

    /** The fields each method's params must have, of the types the SDK reads them as. */
    private static Optional<Problem> params(String method, JsonNode params, JsonNode id) {
        var meta = params.get("_meta");
        if (meta != null && !meta.isObject() && !meta.isNull()) {
            return invalidParams("'_meta' must be an object", id);
        }
        return switch (method) {
            case "initialize" ->
                first(
                        required(params, "protocolVersion", JsonNode::isString, "a string such as \"2025-06-18\"", id),
                        required(params, "capabilities", JsonNode::isObject, "an object", id),
                        required(params, "clientInfo", JsonNode::isObject, "an object with a name and a version", id),
                        required(params.path("clientInfo"), "name", JsonNode::isString, "a string", "clientInfo.", id),
                        optional(
                                params.path("clientInfo"),
                                "version",
                                JsonNode::isString,
                                "a string",
                                "clientInfo.",
                                id));
            case "tools/call" ->
                first(
                        required(params, "name", JsonNode::isString, "the tool's name, a string", id),
                        optional(params, "arguments", JsonNode::isObject, "an object", "", id));
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                required(params, "uri", JsonNode::isString, "a string such as lightfast://events/{id}", id);
            case "tools/list", "resources/list", "resources/templates/list", "prompts/list" ->
                optional(params, "cursor", JsonNode::isString, "a string", "", id);
            case "logging/setLevel" -> required(params, "level", JsonNode::isString, "a string such as info", id);
            case "notifications/cancelled" ->
                first(
                        required(
                                params,
                                "requestId",
                                n -> n.isString() || n.isIntegralNumber(),
                                "the id of the request to cancel",
                                id),
                        optional(params, "reason", JsonNode::isString, "a string", "", id));
            case "notifications/progress" ->
                first(
                        required(
                                params,
                                "progressToken",
                                n -> n.isString() || n.isIntegralNumber(),
                                "a string or an integer",
                                id),
                        required(params, "progress", JsonNode::isNumber, "a number", id));
            default -> Optional.empty();
        };
    }

    @SafeVarargs
    private static Optional<Problem> first(Optional<Problem>... checks) {
        for (var c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> required(
            JsonNode params, String field, java.util.function.Predicate<JsonNode> ok, String what, JsonNode id) {
        return required(params, field, ok, what, "", id);
    }

    private static Optional<Problem> required(
            JsonNode params,
            String field,
            java.util.function.Predicate<JsonNode> ok,
            String what,
            String prefix,
            JsonNode id) {
        JsonNode v = params.get(field);
        if (v == null || v.isNull()) {
            return invalidParams("'" + prefix + field + "' is required: " + what, id);
        }
        return ok.test(v) ? Optional.empty() : invalidParams("'" + prefix + field + "' must be " + what, id);
    }

    private static Optional<Problem> optional(
            JsonNode params,
            String field,
            java.util.function.Predicate<JsonNode> ok,
            String what,
            String prefix,
            JsonNode id) {
        JsonNode v = params.get(field);
        return v == null || v.isNull() || ok.test(v)
                ? Optional.empty()
                : invalidParams("'" + prefix + field + "' must be " + what, id);
    }

    private static Optional<Problem> invalidParams(String message, JsonNode id) {
        return problem(INVALID_PARAMS, "Invalid params: " + message, id);
    }

    private static Optional<Problem> problem(int code, String message, JsonNode id) {
        return Optional.of(new Problem(code, message, id));
    }

    private static String textOf(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    /** A JSON-RPC error response: {@code {"jsonrpc":"2.0","id":...,"error":{"code","message"}}}. */
    static byte[] error(JsonNode id, int code, String message) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("jsonrpc", "2.0");
        if (id == null) {
            out.putNull("id"); // JSON-RPC answers a message whose id cannot be read with "id": null
        } else {
            out.set("id", id);
        }
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return Json.MAPPER.writeValueAsBytes(out);
    }

    /** The id of a message already known to be well formed, to answer under; null when it has none. */
    static JsonNode idOf(byte[] body) {
        try {
            JsonNode id = Json.MAPPER.readTree(body).get("id");
            return id == null || id.isNull() ? null : id;
        } catch (JacksonException e) {
            return null;
        }
    }
}
