package dev.lightfast.connectors.slack;

import dev.lightfast.connectors.PayloadFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message markup made readable for titles: {@code <https://x|label>} becomes {@code
 * label}, {@code <@U0456>} becomes {@code @U0456}, {@code <#C0123|incidents>} becomes {@code
 * #incidents}, and {@code &amp;}, {@code &lt;}, {@code &gt;} their characters. Bodies keep Slack's
 * text as sent, so every URL and mention in it can still be found.
 */
final class SlackText {
    private static final Pattern MARKUP = Pattern.compile("<([^<>|]+)(?:\\|([^<>]*))?>");

    private SlackText() {}

    static String readable(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = MARKUP.matcher(text);
        var sb = new StringBuilder();
        while (m.find()) {
            String target = m.group(1);
            String label = m.group(2);
            String shown;
            if (target.startsWith("@")) {
                shown = label != null && !label.isBlank() ? "@" + label : target;
            } else if (target.startsWith("#")) {
                shown = label != null && !label.isBlank() ? "#" + label : target;
            } else if (target.startsWith("!")) {
                shown = "@" + (label != null && !label.isBlank() ? label : target.substring(1));
            } else {
                shown = label != null && !label.isBlank() ? label : target;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(shown));
        }
        m.appendTail(sb);
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String excerpt(String text, int max) {
        return PayloadFields.excerpt(readable(text), max);
    }
}
