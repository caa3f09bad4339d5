package dev.lightfast.core.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import java.time.Instant;

/**
 * One source's statement of an entity's attribute from a time on, as kept: the value, the source's
 * own words, who stated it and how they stand to the entity ({@link ClaimRole}), and the event that
 * states it. Truth is computed from claims; claims are never changed, a newer one supersedes.
 *
 * @param id the stating event's id and the claim's place among that event's claims
 * @param voice who speaks: the source, and the thing spoken through ({@code github|ent_...} for a
 *     fixing pull request); a newer claim of the same voice supersedes its older ones
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Claim(
        String id,
        String entityId,
        EntityRef entity,
        String attribute,
        String value,
        String stated,
        Instant validFrom,
        long seq,
        String source,
        String role,
        String voice,
        String speaker,
        EntityRef via,
        String viaId,
        Citation citation) {

    public ClaimRole claimRole() {
        return ClaimRole.of(role).orElse(ClaimRole.OBSERVER);
    }

    /** Whether it is visible at a reading point: learned by seq {@code asOfSeq}, holding by {@code asOfTime}. */
    public boolean visible(Long asOfSeq, Instant asOfTime) {
        return (asOfSeq == null || seq <= asOfSeq) && (asOfTime == null || !validFrom.isAfter(asOfTime));
    }
}
