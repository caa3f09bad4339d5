package dev.lightfast.core.rule;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/**
 * How a rule's versions are written into the tenant's log and read back: source {@value #SOURCE},
 * types {@value #CREATED}, {@value #CHANGED} and {@value #DISABLED}, the rule's JSON in the {@code
 * rule} attribute. Rule events configure the judging; they are never judged themselves, and they do
 * not move the log's clock (their time is ours, not the world's).
 */
public final class RuleEvents {
    public static final String SOURCE = "rules";
    public static final String CREATED = "rules.rule.created";
    public static final String CHANGED = "rules.rule.changed";
    public static final String DISABLED = "rules.rule.disabled";
    /** All three, as a log query's type prefix. */
    public static final String ALL = "rules.rule.*";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private RuleEvents() {}

    public static boolean isRuleEvent(Event e) {
        return SOURCE.equals(e.source()) && e.type().startsWith("rules.rule.");
    }

    /**
     * The event recording a new version of a rule; a disabled version repeats the last spec. The
     * idempotency key is the rule and version, so two changes racing for the same version store one.
     */
    public static EventDraft draft(String type, String ruleId, int version, RuleSpec spec, Instant at) {
        String verb = switch (type) {
            case CREATED -> "created";
            case CHANGED -> "changed";
            case DISABLED -> "disabled";
            default -> throw new IllegalArgumentException("not a rule event type: " + type);
        };
        return EventDraft.builder(SOURCE, type)
                .occurredAt(at)
                .title("Rule \"" + spec.name() + "\" " + verb + " (version " + version + ")")
                .body(spec.description())
                .subject(EntityRef.of("rule", "rules:" + ruleId, spec.name()))
                .attribute("rule_id", ruleId)
                .attribute("version", version)
                .attribute("status", DISABLED.equals(type) ? "disabled" : "active")
                .attribute("rule", Json.MAPPER.convertValue(spec, MAP))
                .idempotencyKey(ruleId + "/v" + version)
                .build();
    }

    /** The rule version an event records; empty for any other event or one whose rule no longer parses. */
    public static Optional<Rule> read(Event e) {
        if (!isRuleEvent(e)) {
            return Optional.empty();
        }
        Map<String, Object> a = e.attributes();
        if (!(a.get("rule_id") instanceof String id) || !(a.get("version") instanceof Number version)) {
            return Optional.empty();
        }
        try {
            RuleSpec spec = Json.MAPPER.convertValue(a.get("rule"), RuleSpec.class);
            Rule.Status status = "disabled".equals(a.get("status")) ? Rule.Status.DISABLED : Rule.Status.ACTIVE;
            return Optional.of(new Rule(id, version.intValue(), status, spec, e.seq(), e.id(), e.occurredAt()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
