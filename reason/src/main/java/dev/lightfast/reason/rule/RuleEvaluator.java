package dev.lightfast.reason.rule;

import dev.cel.runtime.CelFunctionResolver;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.TypeGlob;
import dev.lightfast.core.rule.Evidence;
import dev.lightfast.core.rule.InvalidRule;
import dev.lightfast.core.rule.PendingExpectation;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleDelta;
import dev.lightfast.core.rule.RuleError;
import dev.lightfast.core.rule.RuleEvents;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.Window;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges one tenant's log, event by event in {@code seq} order, against the rules in force: the one
 * place verdicts are reached, whether following the log ({@link RuleProjection}) or trying a rule on
 * history ({@link DryRun}). For each event, in this order:
 *
 * <ol>
 *   <li>a rule event changes the rules in force (from the next event on) and is not judged;
 *   <li>the log's clock moves to the event's time if it is later; expectations whose window has
 *       closed by that clock, unmet, become violations;
 *   <li>the event may meet a waiting expectation, or resolve an open violation: an expectation met
 *       late, or a requirement that holds now for an entity the violation is about;
 *   <li>every rule whose trigger it matches judges it.
 * </ol>
 *
 * <p>The state is what a {@link RuleStore} keeps (waiting expectations, resolvable violations, the
 * clock) plus the rules read from the log, so judging resumes anywhere exactly as it left off.
 * Verdicts accumulate until {@link #drain}. Not thread-safe: one evaluator per tenant and thread.
 */
final class RuleEvaluator {
    /** Run-time errors kept per rule and batch; all are counted. */
    private static final int ERRORS_SAMPLED = 10;
    /** Candidates one window search may look through before giving up (a rule error). */
    static final int MAX_SEARCHED = 10_000;
    /** Non-matching candidates cited as evidence of a search in vain. */
    private static final int EVIDENCE_CANDIDATES = 5;
    /** Trigger events kept as values for waiting expectations and open violations. */
    private static final int TRIGGER_CACHE = 10_000;

    private final TenantId tenant;
    private final EventLog log;
    private final RuleCompiler compiler;
    private final RuleFunctions.Reads reads;
    private final EventEntities touches;

    /** Every version of every rule seen, by rule id then version. */
    private final Map<String, Map<Integer, CompiledRule>> versions = new LinkedHashMap<>();
    /** The version in force of each active rule, in order of creation. */
    private final Map<String, CompiledRule> inForce = new LinkedHashMap<>();
    /** Rules in force by exact trigger type, and those whose trigger is a wider glob. */
    private Map<String, List<CompiledRule>> byType = Map.of();

    private List<CompiledRule> globbed = List.of();

    private final Map<String, PendingExpectation> pending = new HashMap<>();
    private final TreeSet<PendingExpectation> pendingByDeadline =
            new TreeSet<>(Comparator.comparing(PendingExpectation::to).thenComparing(PendingExpectation::violationId));
    /** Waiting expectations by rule version, so an event's type is matched once per version. */
    private final Map<String, Waiting<PendingExpectation>> pendingByRule = new LinkedHashMap<>();

    private final Map<String, Violation> resolvable = new LinkedHashMap<>();
    /** Open expect-violations by rule version, likewise. */
    private final Map<String, Waiting<Violation>> unmetByRule = new LinkedHashMap<>();
    /** Open require-violations by the entities whose next event re-checks them. */
    private final Map<String, Set<String>> watchers = new HashMap<>();

    private final Map<String, Map<String, Object>> triggers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > TRIGGER_CACHE;
        }
    };
    /** Trigger events of waiting expectations, for the violation their window's closing makes. */
    private final Map<String, Event> waitingTriggers = new HashMap<>();

    private long seq;
    private Instant logTime;
    /**
     * Marks of the log's clock: {@code (T, s)} says every event up to seq {@code s} happened at or
     * before {@code T}. A window starting after {@code T} need not read the log before {@code s}, so
     * a search reads about the window's own events, not the log from its start. In memory only: an
     * evaluator resumed from a store reads from the start until it has marks again.
     */
    private final java.util.TreeMap<Instant, Long> clockMarks = new java.util.TreeMap<>();

    private long lastMark;
    /** The log's clock before the event being judged: an expectation after a trigger later than it has no earlier candidates. */
    private Instant clockBefore;

    private static final int MARK_EVERY = 128;
    /** Whether any version seen reads the graph (versions are only ever added). */
    private boolean readsGraph;
    /** A dry run: the log's rule events do not change the rule being tried. */
    private boolean fixedRules;

    // What has changed since the last drain.
    private final Map<String, Violation> opened = new LinkedHashMap<>();
    private final Map<String, Violation> resolved = new LinkedHashMap<>();
    private final Map<String, PendingExpectation> pendingAdded = new LinkedHashMap<>();
    private final Set<String> pendingRemoved = new LinkedHashSet<>();
    private final List<RuleError> errors = new ArrayList<>();
    private final Map<String, Long> errorCounts = new HashMap<>();
    private long drainedSeq;

    RuleEvaluator(
            TenantId tenant, EventLog log, RuleCompiler compiler, RuleFunctions.Reads reads, EventEntities touches) {
        this.tenant = tenant;
        this.log = log;
        this.compiler = compiler;
        this.reads = reads;
        this.touches = touches;
    }

    /** Resumes where a store's state left off: the rules up to its checkpoint, what was waiting and open. */
    void resume(
            RuleStore.Checkpoint checkpoint, List<Rule> rules, List<PendingExpectation> waiting, List<Violation> open) {
        this.seq = checkpoint.seq();
        this.drainedSeq = checkpoint.seq();
        this.logTime = checkpoint.logTime();
        for (Rule r : rules) {
            learn(r);
        }
        for (PendingExpectation p : waiting) {
            addPending(p);
        }
        for (Violation v : open) {
            track(v);
        }
    }

    /**
     * Judges the rule as if it had been in force from the start, and only it: for a dry run, which
     * passes over the rule events of the history it reads.
     */
    void assume(Rule rule) {
        learn(rule);
        fixedRules = true;
    }

    long seq() {
        return seq;
    }

    /** Whether some rule reads the graph: then an event may be judged only once the graph has it. */
    boolean readsGraph() {
        return readsGraph;
    }

    int rulesInForce() {
        return inForce.size();
    }

    /** Expectations whose window is still open by the log's clock. */
    int waiting() {
        return pending.size();
    }

    // ---- judging -----------------------------------------------------------------------------

    void accept(Event e) {
        if (e.seq() <= seq) {
            return; // judged already
        }
        seq = e.seq();
        if (RuleEvents.isRuleEvent(e)) {
            if (!fixedRules) {
                RuleEvents.read(e).ifPresent(this::learn);
            }
            return;
        }
        clockBefore = logTime;
        if (logTime == null || e.occurredAt().isAfter(logTime)) {
            logTime = e.occurredAt();
        }
        closeExpired();
        judgeTriggers(e);
        if (seq - lastMark >= MARK_EVERY) {
            clockMarks.put(logTime, seq);
            lastMark = seq;
        }
    }

    private void judgeTriggers(Event e) {
        Map<String, Object> value = null;
        if (!pending.isEmpty()) {
            value = EventValues.of(e);
            meetExpectations(e, value);
        }
        if (!resolvable.isEmpty()) {
            value = value != null ? value : EventValues.of(e);
            resolve(e, value);
        }
        List<CompiledRule> exact = byType.getOrDefault(e.type(), List.of());
        if (exact.isEmpty() && globbed.isEmpty()) {
            return;
        }
        for (CompiledRule r : exact) {
            value = value != null ? value : EventValues.of(e);
            judge(r, e, value);
        }
        for (CompiledRule r : globbed) {
            if (r.trigger().matches(e.type())) {
                value = value != null ? value : EventValues.of(e);
                judge(r, e, value);
            }
        }
    }

    /** The verdicts reached since the last drain, moving the checkpoint to the last event judged. */
    RuleDelta drain() {
        var delta = new RuleDelta(
                drainedSeq,
                seq,
                logTime,
                List.copyOf(opened.values()),
                List.copyOf(resolved.values()),
                List.copyOf(pendingAdded.values()),
                List.copyOf(pendingRemoved),
                List.copyOf(errors),
                Map.copyOf(errorCounts));
        opened.clear();
        resolved.clear();
        pendingAdded.clear();
        pendingRemoved.clear();
        errors.clear();
        errorCounts.clear();
        drainedSeq = seq;
        return delta;
    }

    private void judge(CompiledRule r, Event e, Map<String, Object> value) {
        List<Evidence> evidence = new ArrayList<>();
        try {
            if (r.condition() != null && !r.condition().test(Map.of("event", value), graph(e.seq(), evidence))) {
                return;
            }
            switch (r.kind()) {
                case "forbid" ->
                    open(violation(
                            r, e, e.seq(), e.type() + " happened, which this rule forbids", null, evidence, false));
                case "require" -> {
                    evidence.clear();
                    if (!r.require().test(Map.of("event", value), graph(e.seq(), evidence))) {
                        triggers.put(e.id(), value);
                        open(violation(
                                r,
                                e,
                                e.seq(),
                                "require was false: " + excerpt(r.require().source()),
                                null,
                                evidence,
                                true));
                    }
                }
                default -> expect(r, e, value);
            }
        } catch (Expression.RuleFailure f) {
            fail(r, e, f.part(), f.getMessage());
        }
    }

    /** An expectation: look for the event in its window; after the trigger, wait for the window to close. */
    private void expect(CompiledRule r, Event e, Map<String, Object> value) throws Expression.RuleFailure {
        Instant t = e.occurredAt();
        boolean after = !r.within().isNegative();
        Instant from = micros(after ? t : t.plus(r.within()));
        Instant to = micros(after ? t.plus(r.within()) : t);
        boolean earlierMayMatch = !after || (clockBefore != null && !clockBefore.isBefore(from));
        var search = earlierMayMatch ? search(r, e, value, from, to) : new Search(false, 0, List.of());
        if (search.found) {
            return;
        }
        String id = Violation.idFor(r.id(), e.id());
        if (after && !logTime.isAfter(to)) {
            var p = new PendingExpectation(id, r.id(), r.rule().version(), e.id(), e.seq(), from, to);
            waitingTriggers.put(p.violationId(), e);
            addPending(p);
            pendingAdded.put(id, p);
            triggers.put(e.id(), value);
            return;
        }
        triggers.put(e.id(), value);
        open(violation(
                r,
                e,
                e.seq(),
                "no " + r.expectType() + (r.match() != null ? " matching expect.match" : "") + " "
                        + (after ? "within " : "in the ")
                        + r.rule().spec().expect().within()
                        + (after ? " after" : " before") + " the trigger",
                new Window(r.expectType().pattern(), from, to, search.searched),
                search.evidence,
                true));
    }

    private record Search(boolean found, int searched, List<Evidence> evidence) {}

    /** Looks through the log (events before the trigger in seq) for one meeting the expectation. */
    private Search search(CompiledRule r, Event trigger, Map<String, Object> value, Instant from, Instant to)
            throws Expression.RuleFailure {
        TypeGlob type = r.expectType();
        var evidence = new ArrayList<Evidence>();
        int searched = 0;
        var mark = clockMarks.lowerEntry(from);
        long after = mark == null ? 0 : mark.getValue();
        if (after >= trigger.seq() - 1) {
            return new Search(false, 0, evidence); // nothing before the trigger happened in the window
        }
        Instant end = to.plus(1, ChronoUnit.MICROS);
        while (true) {
            var page =
                    log.read(tenant, new EventQuery(after, EventQuery.MAX_LIMIT, type.logQueryType(), null, from, end));
            for (Event c : page.events()) {
                if (c.seq() >= trigger.seq()) {
                    return new Search(false, searched, evidence);
                }
                if (!type.matches(c.type()) || RuleEvents.isRuleEvent(c)) {
                    continue;
                }
                if (++searched > MAX_SEARCHED) {
                    throw new Expression.RuleFailure(
                            "expect.within",
                            "more than " + MAX_SEARCHED + " events of " + type + " in the window; narrow the type or"
                                    + " the window");
                }
                if (matches(r, value, c, EventValues.of(c), trigger.seq(), evidence)) {
                    return new Search(true, searched, List.of());
                }
                if (evidence.size() < EVIDENCE_CANDIDATES) {
                    evidence.add(Evidence.event("a " + c.type() + " in the window that did not match", Citation.of(c)));
                }
            }
            if (!page.hasMore()) {
                return new Search(false, searched, evidence);
            }
            after = page.nextAfter();
        }
    }

    private boolean matches(
            CompiledRule r,
            Map<String, Object> trigger,
            Event candidate,
            Map<String, Object> candidateValue,
            long asOf,
            List<Evidence> evidence)
            throws Expression.RuleFailure {
        if (r.match() == null) {
            return true;
        }
        return r.match()
                .test(
                        Map.of("trigger", trigger, "candidate", candidateValue),
                        graph(Math.max(asOf, candidate.seq()), evidence));
    }

    /** Expectations whose window the log's clock has passed, unmet: now violations. */
    private void closeExpired() {
        while (!pendingByDeadline.isEmpty()
                && logTime.isAfter(pendingByDeadline.first().to())) {
            PendingExpectation p = pendingByDeadline.first();
            Event cached = waitingTriggers.get(p.violationId());
            dropPending(p);
            CompiledRule r = version(p.ruleId(), p.version());
            Event trigger = cached != null
                    ? cached
                    : log.find(tenant, p.triggerEventId()).orElse(null);
            if (r == null || trigger == null) {
                continue;
            }
            open(violation(
                    r,
                    trigger,
                    seq,
                    "no " + r.expectType() + (r.match() != null ? " matching expect.match" : "") + " within "
                            + r.rule().spec().expect().within() + " after the trigger",
                    new Window(r.expectType().pattern(), p.from(), p.to(), 0),
                    List.of(),
                    true));
        }
    }

    private void meetExpectations(Event e, Map<String, Object> value) {
        for (var entry : List.copyOf(pendingByRule.entrySet())) {
            CompiledRule r = version(entry.getKey());
            if (r == null || !r.expectType().matches(e.type())) {
                continue;
            }
            Waiting<PendingExpectation> group = entry.getValue();
            for (PendingExpectation p : group.candidates(keys(value, group.kind()))) {
                if (e.occurredAt().isBefore(p.from()) || e.occurredAt().isAfter(p.to())) {
                    continue;
                }
                Map<String, Object> trigger = trigger(p.triggerEventId());
                if (trigger == null) {
                    continue;
                }
                try {
                    if (matches(r, trigger, e, value, e.seq(), new ArrayList<>())) {
                        dropPending(p);
                    }
                } catch (Expression.RuleFailure f) {
                    fail(r, e, f.part(), f.getMessage());
                }
            }
        }
    }

    private void resolve(Event e, Map<String, Object> value) {
        for (var entry : List.copyOf(unmetByRule.entrySet())) {
            CompiledRule r = version(entry.getKey());
            if (r == null || !r.expectType().matches(e.type())) {
                continue;
            }
            Waiting<Violation> group = entry.getValue();
            for (Violation v : group.candidates(keys(value, group.kind()))) {
                if (e.seq() <= v.trigger().seq()
                        || (v.window() != null
                                && e.occurredAt().isBefore(v.window().from()))) {
                    continue;
                }
                Map<String, Object> trigger = trigger(v.trigger().eventId());
                try {
                    if (trigger != null && matches(r, trigger, e, value, e.seq(), new ArrayList<>())) {
                        boolean inWindow = v.window() != null
                                && !e.occurredAt().isAfter(v.window().to());
                        resolved(
                                v,
                                e,
                                inWindow
                                        ? "the expected event arrived late in the log; it happened within the window"
                                        : "the expected event happened after the window");
                    }
                } catch (Expression.RuleFailure f) {
                    fail(r, e, f.part(), f.getMessage());
                }
            }
        }
        if (watchers.isEmpty()) {
            return;
        }
        var recheck = new LinkedHashSet<String>();
        for (String id : touches.of(e)) {
            Set<String> ids = watchers.get(id);
            if (ids != null) {
                recheck.addAll(ids);
            }
        }
        for (String id : recheck) {
            Violation v = resolvable.get(id);
            if (v == null || e.seq() <= v.trigger().seq()) {
                continue;
            }
            CompiledRule r = version(v.rule().id(), v.rule().version());
            Map<String, Object> trigger = trigger(v.trigger().eventId());
            if (r == null || trigger == null) {
                continue;
            }
            try {
                if (r.require().test(Map.of("event", trigger), graph(e.seq(), new ArrayList<>()))) {
                    resolved(v, e, "require holds now, after this event");
                }
            } catch (Expression.RuleFailure f) {
                fail(r, e, f.part(), f.getMessage());
            }
        }
    }

    // ---- bookkeeping ---------------------------------------------------------------------------

    private Violation violation(
            CompiledRule r,
            Event trigger,
            long openedSeq,
            String reason,
            Window window,
            List<Evidence> evidence,
            boolean canResolve) {
        var spec = r.rule().spec();
        return new Violation(
                Violation.idFor(r.id(), trigger.id()),
                new Violation.RuleRef(r.id(), r.rule().version(), spec.name(), spec.severity()),
                r.kind(),
                Violation.Status.OPEN,
                reason,
                Citation.of(trigger),
                openedSeq,
                openedSeq == trigger.seq() || logTime == null ? trigger.occurredAt() : logTime,
                window,
                dedupe(evidence),
                List.copyOf(EventValues.entityIds(trigger)),
                null,
                null,
                null,
                null,
                canResolve);
    }

    private static List<Evidence> dedupe(List<Evidence> evidence) {
        var seen = new LinkedHashMap<String, Evidence>();
        for (Evidence e : evidence) {
            String key = (e.entityId() != null ? e.entityId() : "") + "|"
                    + (e.citation() != null ? e.citation().eventId() : "");
            seen.putIfAbsent(key, e);
            if (seen.size() >= 20) {
                break;
            }
        }
        return List.copyOf(seen.values());
    }

    private void open(Violation v) {
        opened.put(v.id(), v);
        if (v.resolvable()) {
            track(v);
        }
    }

    private void track(Violation v) {
        resolvable.put(v.id(), v);
        if ("expect".equals(v.kind())) {
            String k = key(v.rule().id(), v.rule().version());
            var group = unmetByRule.computeIfAbsent(k, x -> new Waiting<>(correlation(k)));
            group.add(
                    v.id(),
                    v,
                    group.kind() == null ? List.of() : keys(trigger(v.trigger().eventId()), group.kind()));
        } else if ("require".equals(v.kind())) {
            for (String id : watched(v)) {
                watchers.computeIfAbsent(id, k -> new HashSet<>()).add(v.id());
            }
        }
    }

    /** What a require-violation is re-checked on: its entities and those the rule looked at. */
    private static Set<String> watched(Violation v) {
        var ids = new LinkedHashSet<>(v.entities());
        for (Evidence e : v.evidence()) {
            if (e.entityId() != null) {
                ids.add(e.entityId());
            }
        }
        return ids;
    }

    private void resolved(Violation v, Event by, String how) {
        Violation done = v.resolved(Citation.of(by), by.occurredAt(), how);
        resolvable.remove(v.id());
        if ("expect".equals(v.kind())) {
            String k = key(v.rule().id(), v.rule().version());
            var group = unmetByRule.get(k);
            if (group != null) {
                group.remove(v.id());
                if (group.isEmpty()) {
                    unmetByRule.remove(k);
                }
            }
        } else if ("require".equals(v.kind())) {
            for (String id : watched(v)) {
                Set<String> ids = watchers.get(id);
                if (ids != null) {
                    ids.remove(v.id());
                    if (ids.isEmpty()) {
                        watchers.remove(id);
                    }
                }
            }
        }
        if (opened.containsKey(v.id())) {
            opened.put(v.id(), done);
        } else {
            resolved.put(v.id(), done);
        }
    }

    private void addPending(PendingExpectation p) {
        pending.put(p.violationId(), p);
        pendingByDeadline.add(p);
        String k = key(p.ruleId(), p.version());
        var group = pendingByRule.computeIfAbsent(k, x -> new Waiting<>(correlation(k)));
        group.add(
                p.violationId(), p, group.kind() == null ? List.of() : keys(trigger(p.triggerEventId()), group.kind()));
    }

    /** The kind a rule version's match requires the candidate to share with the trigger, or null. */
    private String correlation(String versionKey) {
        CompiledRule r = version(versionKey);
        return r == null ? null : r.correlation();
    }

    /** An event's entity keys of a kind (actor and subjects); none without a kind or an event. */
    private static List<String> keys(Map<String, Object> event, String kind) {
        if (kind == null || event == null) {
            return List.of();
        }
        var out = new ArrayList<String>(2);
        if (event.get("actor") instanceof Map<?, ?> actor && kind.equals(actor.get("kind"))) {
            out.add(String.valueOf(actor.get("key")));
        }
        if (event.get("subjects") instanceof List<?> subjects) {
            for (Object s : subjects) {
                if (s instanceof Map<?, ?> m && kind.equals(m.get("kind"))) {
                    out.add(String.valueOf(m.get("key")));
                }
            }
        }
        return out;
    }

    /** An expectation is met, turned into a violation, or dropped with its rule. */
    private void dropPending(PendingExpectation p) {
        pending.remove(p.violationId());
        waitingTriggers.remove(p.violationId());
        pendingByDeadline.remove(p);
        String k = key(p.ruleId(), p.version());
        var group = pendingByRule.get(k);
        if (group != null) {
            group.remove(p.violationId());
            if (group.isEmpty()) {
                pendingByRule.remove(k);
            }
        }
        if (pendingAdded.remove(p.violationId()) == null) {
            pendingRemoved.add(p.violationId());
        }
    }

    private CompiledRule version(String versionKey) {
        int hash = versionKey.lastIndexOf('#');
        return version(versionKey.substring(0, hash), Integer.parseInt(versionKey.substring(hash + 1)));
    }

    private static String key(String ruleId, int version) {
        return ruleId + "#" + version;
    }

    private void fail(CompiledRule r, Event e, String part, String message) {
        long n = errorCounts.merge(r.id(), 1L, Long::sum);
        if (n <= ERRORS_SAMPLED) {
            errors.add(new RuleError(r.id(), r.rule().version(), part, e.id(), e.seq(), e.occurredAt(), message));
        }
    }

    private java.util.function.Supplier<CelFunctionResolver> graph(long asOf, List<Evidence> evidence) {
        return reads == null ? null : () -> reads.bindings(asOf, evidence);
    }

    private Map<String, Object> trigger(String eventId) {
        Map<String, Object> v = triggers.get(eventId);
        if (v == null) {
            v = log.find(tenant, eventId).map(EventValues::of).orElse(null);
            if (v != null) {
                triggers.put(eventId, v);
            }
        }
        return v;
    }

    private CompiledRule version(String ruleId, int version) {
        var byVersion = versions.get(ruleId);
        return byVersion == null ? null : byVersion.get(version);
    }

    /** A rule version takes effect: compiled, in force if active, expectations dropped if disabled. */
    private void learn(Rule rule) {
        CompiledRule compiled;
        try {
            compiled = compiler.compile(rule);
        } catch (InvalidRule | IllegalArgumentException e) {
            // Written when it compiled; a later CEL release may read it otherwise. It judges nothing.
            errorCounts.merge(rule.id(), 1L, Long::sum);
            errors.add(new RuleError(
                    rule.id(),
                    rule.version(),
                    "compile",
                    rule.eventId(),
                    rule.seq(),
                    rule.recordedAt(),
                    e.getMessage()));
            inForce.remove(rule.id());
            index();
            return;
        }
        versions.computeIfAbsent(rule.id(), k -> new HashMap<>()).put(rule.version(), compiled);
        readsGraph |= compiled.readsGraph();
        if (rule.active()) {
            inForce.put(rule.id(), compiled); // a changed rule keeps its place: rules judge in creation order
        } else {
            inForce.remove(rule.id());
            for (PendingExpectation p : List.copyOf(pending.values())) {
                if (p.ruleId().equals(rule.id())) {
                    dropPending(p);
                }
            }
        }
        index();
    }

    private void index() {
        Map<String, List<CompiledRule>> exact = new HashMap<>();
        List<CompiledRule> wide = new ArrayList<>();
        for (CompiledRule r : inForce.values()) {
            if (r.trigger().isExact()) {
                exact.computeIfAbsent(r.trigger().pattern(), k -> new ArrayList<>())
                        .add(r);
            } else {
                wide.add(r);
            }
        }
        byType = exact;
        globbed = wide;
    }

    private static String excerpt(String expression) {
        String flat = expression.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 199) + "…";
    }

    private static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
