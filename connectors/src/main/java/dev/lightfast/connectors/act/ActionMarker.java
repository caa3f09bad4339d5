package dev.lightfast.connectors.act;

import java.util.regex.Pattern;

/**
 * The idempotency key written into what a call creates (a comment's body, an issue's body), so
 * that after a crash the call can be found on the tool instead of being made twice. The key is
 * reduced to safe characters: it must not end an HTML comment or break Markdown.
 */
public final class ActionMarker {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9:._-]");

    private ActionMarker() {}

    public static String token(String idempotencyKey) {
        return "lightfast:" + UNSAFE.matcher(idempotencyKey).replaceAll("_");
    }

    /** An HTML comment: invisible in GitHub's rendered Markdown. */
    public static String html(String idempotencyKey) {
        return "<!-- " + token(idempotencyKey) + " -->";
    }

    /** A Markdown link definition nobody refers to: invisible where HTML comments are escaped. */
    public static String markdown(String idempotencyKey) {
        return "[//]: # (" + token(idempotencyKey) + ")";
    }

    public static boolean isIn(String text, String idempotencyKey) {
        return text != null && text.contains(token(idempotencyKey) + " ")
                || text != null && text.contains(token(idempotencyKey) + ")");
    }
}
