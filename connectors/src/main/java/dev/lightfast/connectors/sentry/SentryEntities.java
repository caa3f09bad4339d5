package dev.lightfast.connectors.sentry;

import dev.lightfast.core.event.EntityRef;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of the things Sentry events are about. A Sentry issue is an {@code incident} keyed by
 * its numeric id ({@code sentry:issue/4567890123}, the id in its URL; its short id {@code SHOP-2K}
 * is the label). A metric alert is an {@code incident} too. A Sentry project is the {@code service}
 * it monitors. A release whose version is a full commit SHA (as {@code sentry-cli} proposes and
 * Vercel's Sentry integration sets) also names the commit, {@code git:<sha>}, the key every tool
 * gives a commit, which is how an incident reaches the deploy and the pull request that shipped it.
 */
final class SentryEntities {
    private static final int MAX_KEY = 512;
    /** A bare SHA, or {@code package@<sha>} as the JavaScript SDKs write releases. */
    private static final Pattern SHA_RELEASE = Pattern.compile("^(?:[^@\\s]+@)?([0-9a-fA-F]{40})$");

    private SentryEntities() {}

    static EntityRef incident(String issueId, String shortId) {
        return issueId == null ? null : ref("incident", "sentry:issue/" + issueId, shortId != null ? shortId : issueId);
    }

    static EntityRef metricAlert(String id, String title) {
        return id == null
                ? null
                : ref("incident", "sentry:metric_alert/" + id, title != null ? title : "metric alert " + id);
    }

    static EntityRef alertRule(String id, String name) {
        return id == null ? null : ref("alert_rule", "sentry:alert_rule/" + id, name != null ? name : id);
    }

    static EntityRef service(String projectSlug) {
        return projectSlug == null ? null : ref("service", "sentry:project/" + projectSlug, projectSlug);
    }

    static EntityRef release(String version) {
        if (version == null || version.length() > 400) {
            return null;
        }
        // A SHA is shortened to twelve characters for display, as Sentry shows it.
        return ref(
                "release",
                "sentry:release/" + version,
                commitSha(version) != null
                        ? version.strip().substring(0, version.strip().length() - 28)
                        : version);
    }

    static EntityRef environment(String name) {
        return name == null || name.length() > 200 ? null : ref("environment", "sentry:environment/" + name, name);
    }

    static EntityRef person(String userId, String name) {
        return userId == null ? null : ref("person", "sentry:user/" + userId, name != null ? name : userId);
    }

    static EntityRef team(String teamId, String name) {
        return teamId == null ? null : ref("team", "sentry:team/" + teamId, name != null ? name : teamId);
    }

    static EntityRef commit(String sha) {
        return sha == null ? null : ref("commit", "git:" + sha.toLowerCase(Locale.ROOT), sha.substring(0, 7));
    }

    /** The commit a release version names, lower case, or null when it is not a SHA. */
    static String commitSha(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = SHA_RELEASE.matcher(version.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Null when the key would be longer than an entity key may be: a payload with a giant id loses one link. */
    private static EntityRef ref(String kind, String key, String label) {
        return key.length() > MAX_KEY ? null : new EntityRef(kind, key, label);
    }
}
