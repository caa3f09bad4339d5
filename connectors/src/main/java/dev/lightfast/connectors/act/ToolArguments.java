package dev.lightfast.connectors.act;

import dev.lightfast.core.act.ToolCall;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a call's arguments by the names each connector's operations fix. */
public final class ToolArguments {
    private final ToolCall call;

    private ToolArguments(ToolCall call) {
        this.call = call;
    }

    /**
     * Checks that the call is one of the client's operations and carries every required argument.
     *
     * @throws InvalidToolCall naming what is wrong
     */
    public static ToolArguments of(ToolCall call, Set<?> operations) {
        if (!operations.contains(call.operation())) {
            throw new InvalidToolCall(
                    call.operation() + " is a " + call.operation().tool() + " operation; this client cannot make it");
        }
        var args = new ToolArguments(call);
        // The client's own declaration: an operation read back from a stored plan carries only its name.
        var declared = operations.stream()
                .filter(call.operation()::equals)
                .map(dev.lightfast.core.act.ToolOperation.class::cast)
                .findFirst()
                .orElse(call.operation());
        for (String name : declared.requiredArguments()) {
            JsonNode v = call.arguments().get(name);
            if (v == null || v.isNull() || (v.isString() && v.asString().isBlank()) || (v.isArray() && v.isEmpty())) {
                throw new InvalidToolCall(call.operation() + " needs the argument '" + name + "'");
            }
        }
        return args;
    }

    public String text(String name) {
        JsonNode v = call.arguments().get(name);
        if (v == null || v.isNull()) {
            throw new InvalidToolCall(call.operation() + " needs the argument '" + name + "'");
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new InvalidToolCall(call.operation() + ": '" + name + "' must be a string");
        }
        return v.asString();
    }

    public String optionalText(String name) {
        JsonNode v = call.arguments().get(name);
        return v == null || v.isNull() || v.asString().isBlank() ? null : text(name);
    }

    public long number(String name) {
        JsonNode v = call.arguments().get(name);
        String s = v == null ? "" : v.asString().strip();
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        if (!s.matches("[0-9]{1,12}")) {
            throw new InvalidToolCall(call.operation() + ": '" + name + "' must be a positive number, got '" + s + "'");
        }
        return Long.parseLong(s);
    }

    /** A list argument: a JSON array of strings, or one string (a single item). */
    public List<String> strings(String name) {
        JsonNode v = call.arguments().get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isString() || item.asString().isBlank()) {
                    throw new InvalidToolCall(call.operation() + ": '" + name + "' must hold non-empty strings");
                }
                out.add(item.asString().strip());
            }
        } else if (v.isString()) {
            out.add(v.asString().strip());
        } else {
            throw new InvalidToolCall(call.operation() + ": '" + name + "' must be a list of strings");
        }
        return out;
    }

    /** "owner/name", checked, as it goes into a GitHub path. */
    public String repository(String name) {
        String repo = text(name).strip();
        if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new InvalidToolCall(
                    call.operation() + ": '" + name + "' must look like owner/name, got '" + repo + "'");
        }
        return repo;
    }

    /** One path segment, encoded: an id from a planner must not change the path it goes into. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
