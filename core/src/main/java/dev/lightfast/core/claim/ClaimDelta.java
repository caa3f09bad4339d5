package dev.lightfast.core.claim;

import java.util.List;

/**
 * What reading a batch of the log changed, written in one transaction with the checkpoint moving
 * from {@code fromSeq} to {@code toSeq}: the claims its events state, each voice's latest claim, and
 * the conflicts opened, changed or closed (each in its new form, keyed by entity, attribute and
 * opening seq).
 */
public record ClaimDelta(long fromSeq, long toSeq, List<Claim> claims, List<Claim> heads, List<Conflict> conflicts) {
    public ClaimDelta {
        if (toSeq < fromSeq) {
            throw new IllegalArgumentException("a delta moves the checkpoint forward: " + fromSeq + " -> " + toSeq);
        }
        claims = List.copyOf(claims);
        heads = List.copyOf(heads);
        conflicts = List.copyOf(conflicts);
    }
}
