package dev.lightfast.core.subscription;

import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule violation found or resolved, as a violations store hands it to the outbox through a
 * {@link MessageSource}: the store keeps its own record; this carries what a subscriber filters on
 * (rule, severity) and what it is sent (the violation as the API shows it, and its citations).
 *
 * @param position the violation's place in the order the store found them
 * @param state what happened to it: {@code opened} or {@code resolved}; the payload type is {@code
 *     lightfast.violation.<state>}
 * @param violation the violation as the API shows it
 */
public record ViolationMessage(
        long position,
        String id,
        String rule,
        String severity,
        String state,
        Instant at,
        Map<String, Object> violation,
        List<Citation> citations)
        implements OutboundMessage {

    public ViolationMessage {
        if (state == null || !state.matches("[a-z_]{1,32}")) {
            throw new IllegalArgumentException(
                    "a violation's state is a lowercase word such as 'opened'; got " + state);
        }
        violation = violation == null ? Map.of() : Map.copyOf(violation);
        citations = List.copyOf(citations);
    }

    @Override
    public String kind() {
        return "violation";
    }

    @Override
    public String type() {
        return "lightfast.violation." + state;
    }

    @Override
    public Instant timestamp() {
        return at;
    }

    @Override
    public Object data() {
        return violation;
    }
}
