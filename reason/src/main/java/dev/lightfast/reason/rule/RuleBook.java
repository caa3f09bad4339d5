package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleEvents;
import dev.lightfast.core.rule.RuleSpec;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's rules: written by appending their versions to the log, read back from it. A rule is
 * compiled (and so type-checked) and held to the tenant's {@link RuleLimits} before anything is
 * written; what is written is then judged by the {@link RuleProjection}, from its seq on.
 */
public final class RuleBook {
    private final EventLog log;
    private final RuleCompiler compiler;
    private final RuleLimits limits;
    private final Clock clock;
    /** Compiled cost by rule id and version: versions never change, so each is compiled once. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> costs =
            new java.util.concurrent.ConcurrentHashMap<>();

    public RuleBook(EventLog log, RuleCompiler compiler, RuleLimits limits, Clock clock) {
        this.log = log;
        this.compiler = compiler;
        this.limits = limits;
        this.clock = clock;
    }

    /** A rule's versions, oldest first; the last is the one in force (or the disabling). */
    public record History(List<Rule> versions) {
        public Rule current() {
            return versions.getLast();
        }
    }

    /**
     * Records a new rule.
     *
     * @throws dev.lightfast.core.rule.InvalidRule when it does not compile
     * @throws RuleLimitReached when the tenant has as many rules, or as costly ones, as it may
     */
    public Rule create(TenantId tenant, RuleSpec spec) {
        int cost = compiler.check(spec);
        var all = all(tenant);
        within(cost, all.values(), null);
        return append(tenant, RuleEvents.CREATED, Ids.prefixed("rul"), 1, spec);
    }

    /** Records a new version of a rule (an active one, also when it was disabled); empty when there is none. */
    public Optional<Rule> change(TenantId tenant, String id, RuleSpec spec) {
        int cost = compiler.check(spec);
        var all = all(tenant);
        History history = all.get(id);
        if (history == null) {
            return Optional.empty();
        }
        within(cost, all.values(), id);
        return Optional.of(
                append(tenant, RuleEvents.CHANGED, id, history.current().version() + 1, spec));
    }

    /** Records that a rule no longer judges (a new version); a disabled rule is answered as it is. */
    public Optional<Rule> disable(TenantId tenant, String id) {
        History history = all(tenant).get(id);
        if (history == null) {
            return Optional.empty();
        }
        Rule current = history.current();
        if (!current.active()) {
            return Optional.of(current);
        }
        return Optional.of(append(tenant, RuleEvents.DISABLED, id, current.version() + 1, current.spec()));
    }

    public Optional<History> get(TenantId tenant, String id) {
        return Optional.ofNullable(all(tenant).get(id));
    }

    /** Every rule's current version, in order of creation. */
    public List<Rule> list(TenantId tenant) {
        return all(tenant).values().stream().map(History::current).toList();
    }

    /** The active rules, compiled, for checking an entity or an action against them. */
    List<CompiledRule> active(TenantId tenant) {
        var out = new ArrayList<CompiledRule>();
        for (Rule r : list(tenant)) {
            if (r.active()) {
                try {
                    out.add(compiler.compile(r));
                } catch (RuntimeException stale) {
                    // written when it compiled; it judges nothing now (its rule errors say why)
                }
            }
        }
        return out;
    }

    private Map<String, History> all(TenantId tenant) {
        Map<String, List<Rule>> byId = new LinkedHashMap<>();
        for (Rule r : RuleState.rules(log, tenant, Long.MAX_VALUE)) {
            byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
        }
        Map<String, History> out = new LinkedHashMap<>();
        byId.forEach((id, versions) -> out.put(id, new History(List.copyOf(versions))));
        return out;
    }

    private void within(int cost, java.util.Collection<History> rules, String replacing) {
        if (cost > limits.maxRuleCost()) {
            throw new RuleLimitReached("this rule costs " + cost + " (expression nodes, and "
                    + RuleCompiler.GRAPH_CALL_COST + " per related() or events() call); a rule may cost at most "
                    + limits.maxRuleCost() + ": simplify it or split it into two rules");
        }
        int active = 0;
        int total = cost;
        for (History h : rules) {
            Rule r = h.current();
            if (!r.active() || r.id().equals(replacing)) {
                continue;
            }
            active++;
            total += costs.computeIfAbsent(r.id() + "#" + r.version(), k -> {
                try {
                    return compiler.compile(r).cost();
                } catch (RuntimeException stale) {
                    return 0; // counts nothing: it judges nothing
                }
            });
        }
        if (replacing == null && active >= limits.maxRules()) {
            throw new RuleLimitReached("this tenant has " + active + " active rules, the most it may have; disable"
                    + " one (DELETE /v1/rules/{id}) before adding another");
        }
        if (total > limits.maxTotalCost()) {
            throw new RuleLimitReached("the tenant's active rules would cost " + total + " per event in all, over the"
                    + " limit of " + limits.maxTotalCost() + "; disable or simplify some rules first");
        }
    }

    private Rule append(TenantId tenant, String type, String id, int version, RuleSpec spec) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var draft = RuleEvents.draft(type, id, version, spec, now);
        byte[] body = Json.MAPPER.writeValueAsBytes(spec);
        Appended appended = log.append(
                tenant,
                new IncomingDelivery(
                        RuleEvents.SOURCE,
                        null,
                        draft.idempotencyKey(),
                        type,
                        Map.of("content-type", "application/json"),
                        body,
                        now,
                        List.of(draft)));
        if (appended.duplicate()) {
            throw new RuleConflict("rule " + id + " already has a version " + version
                    + ": it changed meanwhile; read it again and retry");
        }
        Event e = appended.events().getFirst();
        return RuleEvents.read(e)
                .orElseThrow(() -> new IllegalStateException("rule event " + e.id() + " does not read back"));
    }
}
