package dev.lightfast.core.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.EntityRef;
import java.time.Instant;
import java.util.List;

/**
 * A time during which an entity's current claims about one attribute disagreed: opened by the claim
 * that made them disagree, closed by the one that made them agree again (null while they still
 * disagree).
 *
 * @param claims the disagreeing claims, one per voice, as they last stood while it was open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conflict(
        String entityId,
        EntityRef entity,
        String attribute,
        long openedSeq,
        Instant openedAt,
        Long closedSeq,
        Instant closedAt,
        List<Claim> claims) {

    public Conflict {
        claims = List.copyOf(claims);
    }

    public boolean open() {
        return closedSeq == null;
    }

    /** Whether it was open at a reading point: {@code asOfSeq} (what we knew) or {@code asOfTime}. */
    public boolean openAt(Long asOfSeq, Instant asOfTime) {
        if (asOfSeq != null) {
            return openedSeq <= asOfSeq && (closedSeq == null || closedSeq > asOfSeq);
        }
        if (asOfTime != null) {
            return !openedAt.isAfter(asOfTime) && (closedAt == null || closedAt.isAfter(asOfTime));
        }
        return open();
    }

    public Conflict closed(long seq, Instant at) {
        return new Conflict(entityId, entity, attribute, openedSeq, openedAt, seq, at, claims);
    }

    public Conflict withClaims(List<Claim> now) {
        return new Conflict(entityId, entity, attribute, openedSeq, openedAt, closedSeq, closedAt, now);
    }
}
