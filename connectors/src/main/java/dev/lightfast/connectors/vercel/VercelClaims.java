package dev.lightfast.connectors.vercel;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimExtractor;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Areas;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * What Vercel's events state, as claims: when a production deployment succeeds or an earlier one is
 * promoted (a rollback), which commit runs in production for the project's service, and that the
 * pull request it was built from is shipped.
 */
final class VercelClaims implements ClaimExtractor {
    static final String VERCEL = "Vercel";

    @Override
    public List<ClaimDraft> extract(Event e, MentionScanner mentions) {
        var a = new EventAttributes(e.attributes());
        String state = a.text("state");
        boolean live = "succeeded".equals(state) || "promoted".equals(state) || "ready".equals(state);
        if (!e.type().startsWith("vercel.deployment.")
                || !live
                || !"production".equals(Areas.environment(a.text("environment")))) {
            return List.of();
        }
        VercelGitSource git = VercelGitSource.from(a);
        String project = a.text("project_name");
        List<ClaimDraft> out = new ArrayList<>();
        if (project != null && git.sha() != null) {
            String verb = "promoted".equals(state) ? "promoted a deployment of " : "deployed ";
            out.add(ClaimDraft.recorded(
                    Areas.service(project),
                    ClaimAttribute.PRODUCTION,
                    git.sha(),
                    verb + git.sha().substring(0, 7) + " to production",
                    e.occurredAt(),
                    VERCEL));
        }
        EntityRef pr = VercelEntities.pullRequest(git.repo(), git.pr());
        if (pr != null) {
            out.add(ClaimDraft.recorded(
                    pr,
                    ClaimAttribute.SHIPPED,
                    "shipped",
                    "promoted".equals(state) ? "promoted to production" : "deployed to production",
                    e.occurredAt(),
                    VERCEL));
        }
        return out;
    }
}
