package dev.lightfast.core.act;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An intent resolved: the concrete tool calls in order, each with its reasons, the resolution steps
 * that led there, the policy that applies, and the things it acts on (its events' subjects).
 */
public record Plan(
        List<PlannedCall> calls, List<Resolution> resolution, PolicyDecision policy, List<EntityRef> targets) {
    public Plan {
        calls = List.copyOf(calls);
        resolution = List.copyOf(resolution);
        // Plans stored before targets were recorded read back with none.
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public Plan(List<PlannedCall> calls, List<Resolution> resolution, PolicyDecision policy) {
        this(calls, resolution, policy, List.of());
    }

    /** Every event the plan rests on, once, in order of first mention: an intent's causes. */
    public List<Citation> sources() {
        var byId = new LinkedHashMap<String, Citation>();
        for (Resolution r : resolution) {
            r.citations().forEach(c -> byId.putIfAbsent(c.eventId(), c));
        }
        for (PlannedCall p : calls) {
            p.because().forEach(r -> r.citations().forEach(c -> byId.putIfAbsent(c.eventId(), c)));
        }
        return List.copyOf(byId.values());
    }

    /** The calls' reasons in one line, as the audit trail and the intents list show a plan. */
    public String summary() {
        return String.join("; ", calls.stream().map(PlannedCall::why).toList());
    }

    public Plan withPolicy(PolicyDecision decision) {
        return new Plan(calls, resolution, decision, targets);
    }
}
