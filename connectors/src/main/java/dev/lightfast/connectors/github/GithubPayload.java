package dev.lightfast.connectors.github;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Missing-safe reads of GitHub payload values. GitHub leaves fields out, sends {@code null}, or
 * changes a type between event kinds (a repository's {@code pushed_at} is epoch seconds in {@code
 * push} and an ISO string elsewhere), so every read here answers {@code null} rather than failing;
 * {@link dev.lightfast.core.event.EventDraft.Builder} skips nulls, which keeps normalizers free of
 * checks.
 */
final class GithubPayload {
    /** More items than this in one list attribute add bulk, not meaning. */
    static final int MAX_LIST = 100;

    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private GithubPayload() {}

    /** A non-blank string, or a number written as text; null otherwise. */
    static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            String s = node.stringValue();
            return s == null || s.isBlank() ? null : s;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return null;
    }

    /** An integral number (ids, counts, numbers of pull requests); null otherwise. */
    static Long number(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    static Boolean bool(JsonNode node) {
        return node != null && node.isBoolean() ? node.booleanValue() : null;
    }

    /** An ISO-8601 instant (with {@code Z} or an offset) or epoch seconds; null when neither. */
    static Instant time(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            if (node.isString()) {
                String s = node.stringValue().strip();
                try {
                    return Instant.parse(s);
                } catch (DateTimeException e) {
                    return OffsetDateTime.parse(s).toInstant();
                }
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return Instant.ofEpochSecond(node.longValue());
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** The first of the candidates that is a time. */
    static Instant firstTime(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            Instant t = time(candidate);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /**
     * The {@code field} of each object in an array, non-blank ones only, at most {@link #MAX_LIST}.
     */
    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array.isArray() ? array : List.<JsonNode>of()) {
            String s = field == null ? text(item) : text(item.path(field));
            if (s != null && out.size() < MAX_LIST) {
                out.add(s);
            }
        }
        return out;
    }

    /** Null for an empty list, so that an attribute is left out rather than written as []. */
    static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : List.copyOf(list);
    }

    static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String line = s.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    /** The seven-character form people read in titles. */
    static String shortSha(String sha) {
        return sha == null ? null : sha.substring(0, Math.min(7, sha.length()));
    }

    /** A commit SHA, or null for git's "no commit" (all zeros, sent for created and deleted refs). */
    static String sha(JsonNode node) {
        String s = text(node);
        return s == null || s.equals(ZERO_SHA) ? null : s.toLowerCase(Locale.ROOT);
    }

    /** The non-null, non-blank parts joined by blank lines: search text from several fields. */
    static String paragraphs(String... parts) {
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
    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** "pull request #12", or just "pull request" when the number is missing. */
    static String numbered(String noun, Long number) {
        return number == null ? noun : noun + " #" + number;
    }
}
