package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.OperatorClaims;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.MentionScanner;
import java.util.List;

/**
 * The claims one event states: an operator's statement as {@link OperatorClaims} records it, any
 * other event as its tool's connector reads it, every tool's mention patterns finding what its text
 * names. A connector that fails on an event costs that event its claims, never the log.
 */
public final class EventClaims {
    private static final System.Logger LOG = System.getLogger(EventClaims.class.getName());

    private final Connectors connectors;
    private final MentionScanner mentions;

    public EventClaims(Connectors connectors) {
        this.connectors = connectors;
        this.mentions = MentionScanner.across(connectors);
    }

    public List<ClaimDraft> of(Event e) {
        if (OperatorClaims.isStatement(e)) {
            return OperatorClaims.read(e).map(List::of).orElse(List.of());
        }
        var connector = connectors.find(e.source());
        if (connector.isEmpty()) {
            return List.of();
        }
        try {
            return connector.get().claims().extract(e, mentions);
        } catch (RuntimeException ex) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "claims of {0} event {1} could not be read ({2}); it states none",
                    e.source(),
                    e.id(),
                    ex.toString());
            return List.of();
        }
    }
}
