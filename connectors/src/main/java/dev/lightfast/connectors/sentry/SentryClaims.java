package dev.lightfast.connectors.sentry;

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
 * What Sentry's events state, as claims: an incident's state (created or unresolved is open,
 * resolved is done, ignored or archived is canceled), whom it is assigned to, and, from an error in
 * production, which release runs there: an error seen in release R in production is Sentry saying
 * R is live in that service.
 */
final class SentryClaims implements ClaimExtractor {
    static final String SENTRY = "Sentry";

    @Override
    public List<ClaimDraft> extract(Event e, MentionScanner mentions) {
        var a = new EventAttributes(e.attributes());
        String[] words = e.type().split("\\.");
        String family = words.length > 1 ? words[1] : "";
        String verb = words.length > 2 ? words[2] : "";
        List<ClaimDraft> out = new ArrayList<>();
        switch (family) {
            case "issue" -> issue(out, e, a, verb);
            case "error", "event_alert" -> production(out, e, a);
            default -> {
                // comments and metric alerts state nothing about these attributes
            }
        }
        return out;
    }

    private static void issue(List<ClaimDraft> out, Event e, EventAttributes a, String verb) {
        EntityRef incident = SentryEntities.incident(a.text("issue_id"), a.text("short_id"));
        if (incident == null) {
            return;
        }
        String state = switch (verb) {
            case "created", "unresolved" -> "open";
            case "resolved" -> "done";
            case "ignored", "archived" -> "canceled";
            default -> null;
        };
        if (state != null) {
            String stated = verb.equals("resolved") && a.text("in_release") != null
                    ? "resolved in release " + a.text("in_release")
                    : verb.equals("created") ? "unresolved" : verb;
            out.add(ClaimDraft.recorded(incident, ClaimAttribute.STATE, state, stated, e.occurredAt(), SENTRY));
        }
        if (verb.equals("assigned")) {
            SentryUser assignee = SentryUser.from(a, "assignee");
            out.add(ClaimDraft.recorded(
                    incident,
                    ClaimAttribute.ASSIGNEE,
                    assignee == null ? ClaimAttribute.NONE : assignee.ref().key(),
                    assignee == null
                            ? "unassigned"
                            : "assigned to " + assignee.ref().label(),
                    e.occurredAt(),
                    SENTRY));
        }
    }

    private static void production(List<ClaimDraft> out, Event e, EventAttributes a) {
        String release = a.text("release");
        String project = a.text("project_slug");
        if (release == null || project == null || !"production".equals(Areas.environment(a.text("environment")))) {
            return;
        }
        out.add(ClaimDraft.recorded(
                Areas.service(project),
                ClaimAttribute.PRODUCTION,
                ClaimAttribute.release(release),
                "an error in production came from release " + release,
                e.occurredAt(),
                SENTRY));
    }
}
