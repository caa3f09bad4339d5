package dev.lightfast.connectors.linear;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.SaidClaims;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimExtractor;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Linear's events state, as claims: an issue's state when it is created or moved (by the
 * state's type: backlog, unstarted and triage are open, started is in progress, or in review when the
 * team's state is named so, completed is done, canceled is canceled), whom it is assigned to, and
 * what people say in comments ("rolled back", "shipped").
 */
final class LinearClaims implements ClaimExtractor {
    static final String LINEAR = "Linear";

    @Override
    public List<ClaimDraft> extract(Event e, MentionScanner mentions) {
        var a = new EventAttributes(e.attributes());
        List<ClaimDraft> out = new ArrayList<>();
        switch (e.type()) {
            case "linear.issue.created", "linear.issue.state_changed" -> {
                EntityRef issue = LinearEntities.issue(a.text("identifier"));
                String state = state(a.text("state_type"), a.text("state"));
                if (issue != null && state != null) {
                    out.add(ClaimDraft.recorded(
                            issue, ClaimAttribute.STATE, state, a.text("state"), e.occurredAt(), LINEAR));
                }
                if (issue != null && e.type().endsWith("created")) {
                    assignee(out, e, a, issue);
                }
            }
            case "linear.issue.assignee_changed" -> {
                EntityRef issue = LinearEntities.issue(a.text("identifier"));
                if (issue != null) {
                    assignee(out, e, a, issue);
                }
            }
            case "linear.comment.created" -> {
                String speaker = a.text("author_name") != null ? a.text("author_name") : LINEAR;
                out.addAll(SaidClaims.inComment(
                        e.body(), LinearEntities.issue(a.text("issue_identifier")), e.occurredAt(), speaker));
            }
            default -> {
                // other changes (priority, labels, cycles) say nothing about these attributes
            }
        }
        return out;
    }

    private static void assignee(List<ClaimDraft> out, Event e, EventAttributes a, EntityRef issue) {
        EntityRef person = LinearEntities.person(a.text("assignee_id"), a.text("assignee_name"));
        out.add(ClaimDraft.recorded(
                issue,
                ClaimAttribute.ASSIGNEE,
                person == null ? ClaimAttribute.NONE : person.key(),
                person == null ? "unassigned" : "assigned to " + person.label(),
                e.occurredAt(),
                LINEAR));
    }

    /** Linear's state type (and the team's own state name) in the claims' vocabulary. */
    static String state(String type, String name) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "backlog", "unstarted", "triage" -> "open";
            case "started" ->
                name != null && name.toLowerCase(Locale.ROOT).contains("review") ? "in_review" : "in_progress";
            case "completed" -> "done";
            case "canceled", "cancelled", "duplicate" -> "canceled";
            default -> null;
        };
    }
}
