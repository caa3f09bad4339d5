package dev.lightfast.server.mcp;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EventTimes;
import dev.lightfast.core.graph.AsOf;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read with the checks its input schema promises and an error that names
 * the argument, what it must be and what was sent, so a model can correct the call.
 */
final class ToolArguments {
    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = values;
    }

    /** Refuses arguments the tool does not take: a misspelt name would otherwise be silently ignored. */
    static ToolArguments of(String tool, Map<String, Object> arguments, Set<String> accepted) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        var unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw new ToolInputError(
                    tool + " does not take " + quoted(unknown) + "; it takes " + quoted(new TreeSet<>(accepted)));
        }
        return new ToolArguments(values);
    }

    String requiredText(String name, String what) {
        String v = text(name);
        if (v == null) {
            throw new ToolInputError("'" + name + "' is required: " + what);
        }
        return v;
    }

    /** A string, or null when absent or blank. */
    String text(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a string", v);
        }
        return s.isBlank() ? null : s.strip();
    }

    String oneOf(String name, List<String> allowed) {
        String v = text(name);
        if (v != null && !allowed.contains(v)) {
            throw new ToolInputError(
                    "'" + name + "' must be one of " + String.join(", ", allowed) + "; got \"" + v + "\"");
        }
        return v;
    }

    int integer(String name, int absent, int min, int max) {
        Long v = whole(name, min, max);
        return v == null ? absent : v.intValue();
    }

    /** A whole number in range, or null when absent. JSON has one number type: 10.0 is accepted as 10. */
    Long whole(String name, long min, long max) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || Double.isInfinite(n.doubleValue())) {
            throw wrongType(name, "a whole number from " + min + " to " + max, v);
        }
        long value = n.longValue();
        if (value < min || value > max) {
            throw new ToolInputError("'" + name + "' must be from " + min + " to " + max + "; got " + value);
        }
        return value;
    }

    boolean flag(String name, boolean absent) {
        Object v = values.get(name);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(name, "true or false", v);
        }
        return b;
    }

    Instant instant(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ToolInputError(
                    "'" + name + "' must be an ISO-8601 instant such as 2026-03-01T00:00:00Z; got \"" + v + "\"");
        }
        if (!EventTimes.contains(t)) {
            throw new ToolInputError("'" + name + "' must be from " + EventTimes.RANGE + "; got \"" + v + "\"");
        }
        return t;
    }

    /** A list of strings; a single string is taken as a list of one. */
    List<String> texts(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.strip());
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(name, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw wrongType(name, "an array of strings", v);
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The argument as the client sent it (an object, a list, ...), or null when absent. */
    Object raw(String name) {
        return values.get(name);
    }

    /** A reading point: a seq (a whole number, or digits in a string) or an ISO-8601 instant. */
    AsOf asOf(String name) {
        Object v = values.get(name);
        if (v == null) {
            return AsOf.NOW;
        }
        if (v instanceof Number) {
            return AsOf.seq(whole(name, 0, Long.MAX_VALUE));
        }
        if (!(v instanceof String s)) {
            throw wrongType(name, "a seq (a whole number) or an ISO-8601 instant", v);
        }
        try {
            return AsOf.parse(s.strip());
        } catch (InvalidInput e) {
            throw new ToolInputError("'" + name + "' must be a seq (a whole number) or an ISO-8601 instant from "
                    + EventTimes.RANGE + " such as 2026-03-01T00:00:00Z; got \"" + s + "\"");
        }
    }

    private static ToolInputError wrongType(String name, String expected, Object got) {
        return new ToolInputError("'" + name + "' must be " + expected + "; got " + describe(got));
    }

    private static String describe(Object v) {
        return switch (v) {
            case String s -> "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\" (a string)";
            case Boolean b -> b + " (a boolean)";
            case Number n -> n + " (a number)";
            case List<?> l -> "an array";
            case Map<?, ?> m -> "an object";
            default -> v.getClass().getSimpleName();
        };
    }

    private static String quoted(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }
}
