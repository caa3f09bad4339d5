package dev.lightfast.core.subscription;

import dev.lightfast.core.InvalidInput;
import java.util.regex.Pattern;

/**
 * An event type pattern: {@code *} stands for any run of characters (dots included), everything
 * else for itself. {@code github.pull_request.*} is every pull request event, {@code *.merged} every
 * merge, {@code *} everything.
 */
public record TypeGlob(String pattern) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9_.*-]{1,128}");

    public TypeGlob {
        if (pattern == null || !SHAPE.matcher(pattern).matches()) {
            throw new InvalidInput(
                    "a type pattern is lowercase letters, digits, '.', '_', '-' and '*', at most 128; got " + pattern);
        }
    }

    public boolean matches(String type) {
        return matches(pattern, 0, type, 0);
    }

    /** Iterative glob match with backtracking to the last star: linear for the patterns people write. */
    private static boolean matches(String p, int pi, String s, int si) {
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
