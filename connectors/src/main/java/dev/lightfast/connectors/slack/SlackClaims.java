package dev.lightfast.connectors.slack;

import dev.lightfast.connectors.SaidClaims;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimExtractor;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.MentionScanner;
import java.util.List;

/**
 * What people say in Slack, as claims about the things their message names: "rolled back" and
 * "shipped" about pull requests, issues and releases, "fixed" about issues and incidents (see {@link
 * SaidClaims}). Edits say it again at their time; deleted messages say nothing.
 */
final class SlackClaims implements ClaimExtractor {

    @Override
    public List<ClaimDraft> extract(Event e, MentionScanner mentions) {
        if (!e.type().equals("slack.message.posted") && !e.type().equals("slack.message.edited")) {
            return List.of();
        }
        String speaker =
                e.actor() != null && e.actor().label() != null ? e.actor().label() : "someone in Slack";
        // The text as sent: its links name the pull requests and issues the words are about.
        return SaidClaims.inMessage(e.body(), mentions, e.occurredAt(), speaker);
    }
}
