package dev.lightfast.connectors.slack;

import dev.lightfast.core.event.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack things named in any text: message permalinks ({@code
 * https://acme.slack.com/archives/C0123/p1700000000000100}, as people paste a thread into a PR or
 * an issue), and in Slack's own markup, members ({@code <@U0456>}) and channels ({@code
 * <#C0123|incidents>}).
 */
final class SlackMentions {
    private static final Pattern PERMALINK = Pattern.compile(
            "https?://[A-Za-z0-9-]+\\.slack\\.com/archives/([CGD][A-Z0-9]{2,30})/p([0-9]{10})([0-9]{6})(?![0-9])");
    private static final Pattern USER = Pattern.compile("<@([UW][A-Z0-9]{2,30})(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#([CG][A-Z0-9]{2,30})(?:\\|([^>]*))?>");

    private SlackMentions() {}

    static List<EntityRef> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, EntityRef> found = new LinkedHashMap<>();
        Matcher link = PERMALINK.matcher(text);
        while (link.find()) {
            add(found, SlackEntities.message(link.group(1), link.group(2) + "." + link.group(3), null));
        }
        Matcher user = USER.matcher(text);
        while (user.find()) {
            add(found, SlackEntities.person(user.group(1), null));
        }
        Matcher channel = CHANNEL.matcher(text);
        while (channel.find()) {
            String name = channel.group(2);
            add(found, SlackEntities.channel(channel.group(1), name == null || name.isBlank() ? null : name));
        }
        return new ArrayList<>(found.values());
    }

    private static void add(Map<String, EntityRef> found, EntityRef ref) {
        if (ref != null) {
            found.putIfAbsent(ref.kind() + " " + ref.key(), ref);
        }
    }
}
