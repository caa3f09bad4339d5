package dev.lightfast.connectors.github;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * Builds {@code github.<family>.<verb>} event types from names GitHub chose. GitHub's names are
 * already lower snake case, but the action and event name come from the sender, so each word is
 * forced into the event type grammar rather than trusted to fit it.
 */
final class GithubEventType {
    private static final int MAX_WORD = 40;

    private GithubEventType() {}

    /** {@code github.} followed by the words, each made to fit; one to seven words. */
    static String of(String... words) {
        var type = new StringJoiner(".");
        type.add(GithubConnector.PROVIDER);
        for (String w : words) {
            type.add(word(w));
        }
        return type.toString();
    }

    /** One dotted segment: lower case, only {@code [a-z0-9_-]}, never empty. */
    static String word(String raw) {
        if (raw == null) {
            return "unknown";
        }
        var sb = new StringBuilder();
        for (char c : raw.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (sb.length() == MAX_WORD) {
                break;
            }
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            sb.append(allowed ? c : '_');
        }
        return sb.isEmpty() ? "unknown" : sb.toString();
    }
}
