package dev.lightfast.core.claim;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's statement of what is true ({@code POST /v1/claims}): "ENG-123 is done, whatever
 * Linear says". It is kept as an event of source {@value #SOURCE} like any other fact, so it is
 * cited, survives rebuilds and can be read as of any point; {@code POST /v1/events} refuses the
 * source, so only this path writes it.
 */
public final class OperatorClaims {
    public static final String SOURCE = "claims";
    public static final String TYPE = "claims.claim.stated";

    private OperatorClaims() {}

    /**
     * The event recording a statement.
     *
     * @param value already in the attribute's form ({@link ClaimAttribute#normalize})
     * @param validFrom since when it holds in the world (the statement's time when not given)
     */
    public static EventDraft draft(
            EntityRef entity,
            ClaimAttribute attribute,
            String value,
            String note,
            Instant validFrom,
            Instant at,
            EntityRef by,
            String idempotencyKey) {
        String label = entity.label() != null ? entity.label() : entity.key();
        return EventDraft.builder(SOURCE, TYPE)
                .occurredAt(validFrom != null ? validFrom : at)
                .actor(by)
                .subject(entity)
                .title("Stated: " + label + " " + attribute.wire() + " is " + value)
                .body(note == null ? "" : note)
                .attribute("attribute", attribute.wire())
                .attribute("value", value)
                .attribute("note", note)
                .attribute("stated_at", at.toString())
                .idempotencyKey(idempotencyKey)
                .build();
    }

    public static boolean isStatement(Event e) {
        return SOURCE.equals(e.source()) && TYPE.equals(e.type());
    }

    /** The claim an operator's event states; empty for any other event or one that no longer reads. */
    public static Optional<ClaimDraft> read(Event e) {
        if (!isStatement(e) || e.subjects().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> a = e.attributes();
        var attribute = ClaimAttribute.of(String.valueOf(a.get("attribute")));
        if (attribute.isEmpty() || !(a.get("value") instanceof String value)) {
            return Optional.empty();
        }
        String who = e.actor() != null && e.actor().label() != null ? e.actor().label() : "an operator";
        return Optional.of(new ClaimDraft(
                e.subjects().getFirst(), attribute.get(), value, value, e.occurredAt(), null, who, false));
    }
}
