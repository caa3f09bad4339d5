package dev.lightfast.connectors;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * Builds {@code <tool>.<family>.<verb>} event types from names a tool chose. The names come from
 * the sender ({@code IssueLabel}, {@code deployment.check-rerequested}, a Slack subtype), so each
 * word is forced into the event type grammar rather than trusted to fit it.
 */
public final class EventTypeWords {
    private static final int MAX_WORD = 40;
    private static final int MAX_WORDS = 7;

    private EventTypeWords() {}

    /** {@code tool.} followed by the words, each made to fit; at most seven words after the tool. */
    public static String type(String tool, String... words) {
        var type = new StringJoiner(".");
        type.add(tool);
        int n = 0;
        for (String w : words) {
            if (n++ == MAX_WORDS) {
                break;
            }
            type.add(word(w));
        }
        return type.toString();
    }

    /**
     * One dotted segment: camel case split into snake case ({@code IssueLabel} → {@code
     * issue_label}), lower case, only {@code [a-z0-9_-]}, never empty.
     */
    public static String word(String raw) {
        if (raw == null || raw.isBlank()) {
            return "unknown";
        }
        var sb = new StringBuilder();
        String s = raw.strip();
        for (int i = 0; i < s.length() && sb.length() < MAX_WORD; i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(s.charAt(i - 1))) {
                sb.append('_');
            }
            char l = Character.toLowerCase(c);
            boolean allowed = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_' || l == '-';
            sb.append(allowed ? l : '_');
        }
        String w = sb.toString().toLowerCase(Locale.ROOT);
        return w.isEmpty() ? "unknown" : w;
    }
}
