package dev.lightfast.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a stored event's attributes, for graph extractors. Extractors read events back
 * from the log, where a number written as a long may come back as an int and a list as any list,
 * so every read here accepts what JSON can give and answers null (or empty) for anything else.
 */
public record EventAttributes(Map<String, Object> values) {

    public EventAttributes {
        values = values == null ? Map.of() : values;
    }

    public String text(String name) {
        Object v = values.get(name);
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        return null;
    }

    public Long number(String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public boolean isTrue(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** The strings of a list attribute; empty when absent. */
    public List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        if (values.get(name) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                } else if (item instanceof Number n) {
                    out.add(n.toString());
                }
            }
        }
        return out;
    }

    public Object raw(String name) {
        return values.get(name);
    }
}
