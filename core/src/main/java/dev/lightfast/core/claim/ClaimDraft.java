package dev.lightfast.core.claim;

import dev.lightfast.core.event.EntityRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One statement an event makes about an entity's attribute, as the tool's connector reads it: the
 * value in the attribute's vocabulary, the tool's own words for it, and since when it holds.
 *
 * @param stated the source's own words, for rationales: {@code Done}, {@code the pull request that
 *     fixes it is still open}, {@code said "rolled back"}
 * @param via the thing the statement is made through, when it is not the entity itself: the pull
 *     request whose state says how far the issue it fixes is
 * @param speaker who states it, for rationales: the tool ({@code Linear}) or, for something a person
 *     said, their name
 * @param said whether a person said it in words (a message, a comment) rather than a tool recording it
 */
public record ClaimDraft(
        EntityRef entity,
        ClaimAttribute attribute,
        String value,
        String stated,
        Instant validFrom,
        EntityRef via,
        String speaker,
        boolean said) {

    public ClaimDraft {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(validFrom, "validFrom");
        stated = stated == null ? value : stated;
    }

    /** A tool's own record of its entity's attribute. */
    public static ClaimDraft recorded(
            EntityRef entity, ClaimAttribute attribute, String value, String stated, Instant at, String speaker) {
        return new ClaimDraft(entity, attribute, value, stated, at, null, speaker, false);
    }
}
