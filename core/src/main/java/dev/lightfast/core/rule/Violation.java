package dev.lightfast.core.rule;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * A rule broken by an event: which rule and version judged it, the event that triggered it, what
 * the rule looked at (or the window it searched in vain), and, once a later event satisfies the
 * rule, that event. Derived from the log: a rebuild derives the same violations with the same ids.
 *
 * @param kind {@code expect}, {@code require} or {@code forbid}, as the rule's
 * @param openedSeq the event at which the verdict was reached: the trigger itself, or for an
 *     expectation after the trigger, the first event past its window
 * @param openedAt when the verdict was reached: the trigger's own time, or for an expectation whose
 *     window closed unmet, the log's time then (the latest event time seen, never the wall clock)
 * @param entities the entities the violation is about (the trigger's subjects and actor), by id
 * @param resolvable whether a later event can still resolve it (a forbidden event cannot)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Violation(
        String id,
        RuleRef rule,
        String kind,
        Status status,
        String reason,
        Citation trigger,
        long openedSeq,
        Instant openedAt,
        Window window,
        List<Evidence> evidence,
        List<String> entities,
        Long resolvedSeq,
        Instant resolvedAt,
        Citation resolvedBy,
        String resolution,
        boolean resolvable) {

    public enum Status {
        OPEN,
        RESOLVED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The rule version that judged. */
    public record RuleRef(String id, int version, String name, Severity severity) {}

    public Violation {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** The same violation, resolved by a later event. */
    public Violation resolved(Citation by, Instant at, String how) {
        return new Violation(
                id,
                rule,
                kind,
                Status.RESOLVED,
                reason,
                trigger,
                openedSeq,
                openedAt,
                window,
                evidence,
                entities,
                by.seq(),
                at,
                by,
                how,
                false);
    }

    /** Every event cited: the trigger, the evidence, the resolving event. */
    @com.fasterxml.jackson.annotation.JsonProperty("citations")
    public List<Citation> citations() {
        var out = new java.util.ArrayList<Citation>();
        out.add(trigger);
        for (Evidence e : evidence) {
            if (e.citation() != null
                    && out.stream()
                            .noneMatch(c -> c.eventId().equals(e.citation().eventId()))) {
                out.add(e.citation());
            }
        }
        if (resolvedBy != null && out.stream().noneMatch(c -> c.eventId().equals(resolvedBy.eventId()))) {
            out.add(resolvedBy);
        }
        return out;
    }

    /**
     * A violation's id, derived from its rule and trigger: one event breaks one rule at most once
     * (the version in force when it arrived judges it), and every rebuild names it alike.
     */
    public static String idFor(String ruleId, String triggerEventId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((ruleId + "\u0000" + triggerEventId).getBytes(StandardCharsets.UTF_8));
            return "vio_" + java.util.HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
