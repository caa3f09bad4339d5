package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One call Lightfast knows how to make on a connected tool. Core knows none of them: each connector
 * declares its own (in {@code connectors.<tool>}), with the argument names its planner half writes
 * and its client reads. A plan stores an operation by its wire name alone, the tool's name in capitals
 * followed by the operation's ({@code <TOOL>_COMMENT}), so a stored plan reads back without the
 * connector; two operations are the same when their wire names are.
 *
 * @param tool the connector's source name
 * @param name the wire name, unique across tools because it starts with the tool's
 * @param requiredArguments what a call must carry; empty on an operation read back from a stored plan
 *     (the tool's client checks against its own declaration)
 */
public record ToolOperation(String tool, String name, List<String> requiredArguments) {
    public ToolOperation {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(name, "name");
        requiredArguments = requiredArguments == null ? List.of() : List.copyOf(requiredArguments);
        if (!name.startsWith(prefix(tool)) || name.length() == prefix(tool).length()) {
            throw new IllegalArgumentException("an operation's name starts with its tool's: " + name);
        }
    }

    /** The operation a stored plan names, its tool read from the name. */
    @JsonCreator
    public static ToolOperation of(String name) {
        int underscore = name == null ? -1 : name.indexOf('_');
        if (underscore <= 0) {
            throw new IllegalArgumentException("not a tool operation: " + name);
        }
        return new ToolOperation(name.substring(0, underscore).toLowerCase(Locale.ROOT), name, List.of());
    }

    private static String prefix(String tool) {
        return tool.toUpperCase(Locale.ROOT) + "_";
    }

    @JsonValue
    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolOperation other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
