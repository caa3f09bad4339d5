package dev.lightfast.core.event;

import dev.lightfast.core.InvalidInput;
import java.util.regex.Pattern;

/**
 * A type pattern, as rules and subscriptions name the events they listen to: an exact type ({@code
 * github.pull_request.merged}) or a glob where {@code *} stands for any run of characters, dots
 * included ({@code github.pull_request.*}, {@code *.deployment.*}, {@code *}).
 */
public record TypeGlob(String pattern) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9_.*-]{1,128}");

    public TypeGlob {
        if (pattern == null || !SHAPE.matcher(pattern).matches()) {
            throw new InvalidInput(
                    "a type pattern is lowercase letters, digits, '.', '_', '-' and '*' such as '*.pull_request.*', at most 128 chars; got '"
                            + pattern + "'");
        }
    }

    public boolean matches(String type) {
        return matches(pattern, 0, type, 0);
    }

    /** The log can read an exact type or a prefix ending in {@code .*} by index; anything else reads all types. */
    public String logQueryType() {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern;
        }
        if (star == pattern.length() - 1 && pattern.endsWith(".*") && pattern.length() > 2) {
            return pattern;
        }
        return null;
    }

    public boolean isExact() {
        return pattern.indexOf('*') < 0;
    }

    private static boolean matches(String p, int pi, String s, int si) {
        // Iterative glob matching with backtracking to the last star: linear for the short types here.
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
