package dev.lightfast.connectors.vercel;

import dev.lightfast.core.event.EntityRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vercel deployments named in any text by their dashboard link, as Vercel's GitHub bot comments it
 * on pull requests and people paste it into Slack: {@code https://vercel.com/<team>/<project>/<id>},
 * where {@code <id>} is the deployment id without its {@code dpl_} prefix. A deployment's own host
 * ({@code shop-7x2k9q-acme.vercel.app}) is not matched: nothing in it names the deployment's id.
 */
final class VercelMentions {
    private static final Pattern INSPECTOR = Pattern.compile(
            "https?://vercel\\.com/[A-Za-z0-9_-]+/[A-Za-z0-9._-]+/(dpl_)?([A-Za-z0-9]{16,40})(?![A-Za-z0-9/])");

    private VercelMentions() {}

    static List<EntityRef> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, EntityRef> found = new LinkedHashMap<>();
        Matcher m = INSPECTOR.matcher(text);
        while (m.find()) {
            EntityRef deployment = VercelEntities.deployment("dpl_" + m.group(2), null);
            found.putIfAbsent(deployment.key(), deployment);
        }
        return new ArrayList<>(found.values());
    }
}
