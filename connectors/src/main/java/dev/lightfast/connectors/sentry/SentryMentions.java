package dev.lightfast.connectors.sentry;

import dev.lightfast.core.event.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentry issues named in any text by their URL, as people paste them into Linear issues, pull
 * requests and Slack: {@code https://sentry.io/organizations/acme/issues/4567890123/} and the
 * per-organization host {@code https://acme.sentry.io/issues/4567890123/}. Short ids ({@code
 * SHOP-2K}) are not matched: they have the shape of Linear keys and name nothing on their own.
 */
final class SentryMentions {
    private static final Pattern ISSUE_URL = Pattern.compile(
            "https?://(?:[a-z0-9-]+\\.)?sentry\\.io/(?:organizations/[A-Za-z0-9_-]+/)?issues/([0-9]{1,20})(?![0-9])");

    private SentryMentions() {}

    static List<EntityRef> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, EntityRef> found = new LinkedHashMap<>();
        Matcher m = ISSUE_URL.matcher(text);
        while (m.find()) {
            EntityRef incident = SentryEntities.incident(m.group(1), null);
            found.putIfAbsent(incident.key(), incident);
        }
        return new ArrayList<>(found.values());
    }
}
