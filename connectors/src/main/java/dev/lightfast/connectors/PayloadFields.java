package dev.lightfast.connectors;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Missing-safe reads of webhook payload values, shared by the tool packages. Tools leave fields
 * out, send {@code null}, send {@code ""} as a placeholder, or change a number into a string between
 * event kinds, so every read answers {@code null} rather than failing; the event builder skips
 * nulls, which keeps normalizers free of checks.
 */
public final class PayloadFields {
    /** More items than this in one list attribute add bulk, not meaning. */
    public static final int MAX_LIST = 100;

    private PayloadFields() {}

    /** A non-blank string, or an integral number written as text; null otherwise. */
    public static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            String s = node.stringValue();
            return s == null || s.isBlank() ? null : s.strip();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return null;
    }

    /** An integral number, or a string holding one (Sentry sends ids and counts as strings). */
    public static Long number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.stringValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Any number as a decimal (an estimate of 0.5, a priority of 2). */
    public static Number decimal(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        BigDecimal d = node.decimalValue().stripTrailingZeros();
        return d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                ? d.longValue()
                : d.doubleValue();
    }

    public static Boolean bool(JsonNode node) {
        return node != null && node.isBoolean() ? node.booleanValue() : null;
    }

    /** An ISO-8601 instant, with {@code Z} or an offset; null otherwise. */
    public static Instant isoTime(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        String s = node.stringValue().strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    /** Milliseconds since the epoch, as a number or a string of digits; null otherwise or when zero. */
    public static Instant epochMillis(JsonNode node) {
        Long ms = number(node);
        return ms == null || ms <= 0 ? null : Instant.ofEpochMilli(ms);
    }

    /**
     * Seconds since the epoch with an optional fraction, as Slack writes message timestamps ({@code
     * "1531420618.000200"}) and Sentry its event times; null otherwise or when zero.
     */
    public static Instant epochSeconds(JsonNode node) {
        if (node == null) {
            return null;
        }
        String s = node.isString()
                ? node.stringValue().strip()
                : node.isNumber() ? node.decimalValue().toPlainString() : null;
        return epochSeconds(s);
    }

    /** {@link #epochSeconds(JsonNode)} of a header value or a Slack {@code ts}. */
    public static Instant epochSeconds(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(s.strip());
            if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(32_503_680_000L)) > 0) {
                return null; // zero is a placeholder; beyond the year 3000 it is not seconds
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole))
                    .movePointRight(9)
                    .longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    /** The first of the candidates that is a time. */
    public static Instant firstTime(Instant... candidates) {
        for (Instant t : candidates) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The {@code field} of each object in an array (or each string, when field is null), at most {@link #MAX_LIST}. */
    public static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (JsonNode item : array) {
            String s = field == null ? text(item) : text(item.path(field));
            if (s != null && out.size() < MAX_LIST) {
                out.add(s);
            }
        }
        return out;
    }

    /** Null for an empty list, so that an attribute is left out rather than written as []. */
    public static <T> List<T> nonEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }

    /** The first non-blank line, stripped; null when there is none. */
    public static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String line = s.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    /** The non-null, non-blank parts joined by blank lines: search text from several fields. */
    public static String paragraphs(String... parts) {
        var sb = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(part.strip());
            }
        }
        return sb.toString();
    }

    /** {@code value} when there is one, else {@code fallback}. */
    public static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Text on one line, cut to {@code max} characters with an ellipsis; null when blank. */
    public static String excerpt(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String flat = s.strip().replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(flat.charAt(end - 1))) {
            end--;
        }
        return flat.substring(0, end) + "…";
    }
}
