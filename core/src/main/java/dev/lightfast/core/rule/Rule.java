package dev.lightfast.core.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One version of a rule, as its event in the log states it. A rule is created, changed (a new
 * version) and disabled (a new version too) only by appending events, so every verdict can name the
 * version that reached it, and replaying the log reaches the same verdicts.
 *
 * @param seq where in the tenant's log this version took effect: it judges events after it
 * @param eventId the event that recorded this version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rule(String id, int version, Status status, RuleSpec spec, long seq, String eventId, Instant recordedAt) {

    public enum Status {
        ACTIVE,
        DISABLED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
