package dev.lightfast.core.act;

import java.time.Instant;
import java.util.Set;

/**
 * A tenant's setting of which intents wait for an approval, and the event that set it (cited by
 * every plan it applies to). With none set, {@link #DEFAULT} applies.
 */
public record ApprovalPolicy(Set<IntentKind> requireApproval, String setBy, Instant setAt, String eventId) {
    /** Rolling back production is the one intent that waits by default. */
    public static final ApprovalPolicy DEFAULT = new ApprovalPolicy(Set.of(IntentKind.ROLLBACK), null, null, null);

    public ApprovalPolicy {
        requireApproval = Set.copyOf(requireApproval);
    }
}
