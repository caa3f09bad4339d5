package dev.lightfast.core.act;

import dev.lightfast.core.event.Citation;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An intent resolved: the concrete tool calls in order, each with its reasons, the resolution steps
 * that led there, and the policy that applies.
 */
public record Plan(List<PlannedCall> calls, List<Resolution> resolution, PolicyDecision policy) {
    public Plan {
        calls = List.copyOf(calls);
        resolution = List.copyOf(resolution);
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

    public Plan withPolicy(PolicyDecision decision) {
        return new Plan(calls, resolution, decision);
    }
}
