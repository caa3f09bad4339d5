package dev.lightfast.connectors.linear;

import dev.lightfast.core.event.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linear issues named in any text, which is what links a pull request, a branch, a commit or a
 * Slack message to the issue it is about:
 *
 * <ul>
 *   <li>issue URLs: {@code https://linear.app/acme/issue/ENG-123/slug} (and the older {@code
 *       https://linear.app/issue/ENG-123});
 *   <li>issue keys as people write them: {@code ENG-123}, upper case, standing alone ({@code Fixes
 *       ENG-123}, {@code [ENG-123]}, {@code ENG-123: …});
 *   <li>keys in branch names, which Linear suggests in lower case: {@code ana/eng-123-fix-timeout}
 *       or {@code eng-123-fix-timeout}.
 * </ul>
 *
 * <p>A key is a team key of 2 to 7 letters and digits, a dash and a number. Lower case counts only
 * in a branch name's shape (after a {@code /}, or followed by a dash and a word), because in prose
 * {@code covid-19} and {@code utf-8} look the same. Standards that share the shape ({@code
 * SHA-256}, {@code ISO-8601}, {@code CVE-2024}…) are never taken for keys. A key for a team the
 * workspace does not have still yields an entity; it simply meets no issue.
 */
final class LinearMentions {
    private static final Pattern URL = Pattern.compile(
            "https?://linear\\.app/(?:[A-Za-z0-9_-]+/)?issue/([A-Za-z][A-Za-z0-9]{0,6}-[0-9]{1,7})(?![0-9])");
    private static final Pattern KEY =
            Pattern.compile("(?<![A-Za-z0-9_.#@-])([A-Z][A-Z0-9]{1,6})-([0-9]{1,7})(?![A-Za-z0-9]|\\.[0-9])");
    private static final Pattern LOWER_KEY =
            Pattern.compile("(?<![A-Za-z0-9_.#@-])([a-z][a-z0-9]{1,6})-([0-9]{1,7})(?![A-Za-z0-9]|\\.[0-9])");
    private static final Pattern SLUG_AFTER = Pattern.compile("-[a-z]");
    private static final Set<String> NOT_TEAMS = Set.of(
            "SHA", "UTF", "ISO", "CVE", "CWE", "RFC", "HTTP", "TLS", "SSL", "AES", "RSA", "GPT", "COVID", "IPV", "PEP",
            "JSR", "JEP", "ES", "UTC", "GMT", "ECMA", "WCAG", "IEEE", "MD", "GHSA", "ARM", "X86", "WIN", "API", "V");

    private LinearMentions() {}

    static List<EntityRef> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, EntityRef> found = new LinkedHashMap<>();
        Matcher url = URL.matcher(text);
        while (url.find()) {
            add(found, url.group(1));
        }
        if (!hasDashDigit(text)) {
            return new ArrayList<>(found.values());
        }
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            if (!NOT_TEAMS.contains(key.group(1))) {
                add(found, key.group(1) + "-" + key.group(2));
            }
        }
        Matcher lower = LOWER_KEY.matcher(text);
        while (lower.find()) {
            if (branchShaped(text, lower) && !NOT_TEAMS.contains(lower.group(1).toUpperCase(Locale.ROOT))) {
                add(found, lower.group(1) + "-" + lower.group(2));
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Every key has a dash followed by a digit. Most text has none, and the key patterns, which look
     * behind and ahead, would otherwise be tried at every position of every event's text.
     */
    private static boolean hasDashDigit(String text) {
        for (int i = text.indexOf('-'); i >= 0 && i + 1 < text.length(); i = text.indexOf('-', i + 1)) {
            char next = text.charAt(i + 1);
            if (next >= '0' && next <= '9') {
                return true;
            }
        }
        return false;
    }

    /** After a slash ({@code ana/eng-123}), or followed by a slug ({@code eng-123-fix-timeout}). */
    private static boolean branchShaped(String text, Matcher m) {
        boolean afterSlash = m.start() > 0 && text.charAt(m.start() - 1) == '/';
        return afterSlash
                || SLUG_AFTER.matcher(text).region(m.end(), text.length()).lookingAt();
    }

    /** The identifier in a Linear issue URL, upper case, or null. */
    static String issueKeyInUrl(String url) {
        Matcher m = URL.matcher(url);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    private static void add(Map<String, EntityRef> found, String key) {
        EntityRef issue = LinearEntities.issue(key);
        if (issue != null) {
            found.putIfAbsent(issue.key(), issue);
        }
    }
}
