package dev.lightfast.connectors.slack;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a Slack message records a decision. Two signals, both the team's own:
 *
 * <ul>
 *   <li>its words: "we decided…", "we've decided", "let's go with…", "we're going with…", "we
 *       agreed…", "decision:", "agreed:" — phrases that state a choice made, not one being
 *       discussed ("should we decide" or "let's decide" are not decisions);
 *   <li>a check-mark reaction on it ({@code white_check_mark} ✅, {@code heavy_check_mark} ✔️,
 *       {@code ballot_box_with_check} ☑️), the usual way a proposal is approved in a thread.
 * </ul>
 */
final class SlackDecisions {
    private static final Pattern PHRASE = Pattern.compile(
            "(?i)(?<![\\w'])(we(?:'ve| have)? decided|we(?:'re| are) going with|let'?s go with|let us go with"
                    + "|we(?:'ll| will) go with|we agreed|(?:final )?decision:|agreed:)(?!\\w)");
    private static final Set<String> APPROVALS =
            Set.of("white_check_mark", "heavy_check_mark", "ballot_box_with_check", "✅", "✔️", "☑️");

    private SlackDecisions() {}

    /** The phrase that makes the text a decision, as written, or null. */
    static String phraseIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PHRASE.matcher(SlackText.readable(text).replace('’', '\''));
        return m.find() ? m.group(1) : null;
    }

    /** Whether a reaction approves the message: a check mark, with or without a skin tone. */
    static boolean approves(String reaction) {
        if (reaction == null) {
            return false;
        }
        int tone = reaction.indexOf("::skin-tone");
        return APPROVALS.contains(tone < 0 ? reaction : reaction.substring(0, tone));
    }
}
