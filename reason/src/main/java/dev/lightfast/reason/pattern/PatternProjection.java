package dev.lightfast.reason.pattern;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimRole;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.Areas;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.pattern.Observation;
import dev.lightfast.core.pattern.PatternDelta;
import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.truth.EventClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Notes, as the log grows, what patterns are counted from ({@link Observation}s): every deployment
 * and when it went live, every incident and the last deployment to its service and environment
 * before it (and so, for each deployment, the first incident after it), each pull request's wait
 * for its first review by someone else, and each piece of work closed and reopened. It reads events
 * through the graph's own facts and the tools' own claims, so it knows no tool: a deployment is what
 * {@code deployed_to} an environment, an incident what the graph calls one.
 *
 * <p>A batch's observations are written with the checkpoint in one transaction; the state between
 * batches is read back from the observations when the checkpoint moved under it (a rebuild, another
 * server).
 */
public final class PatternProjection implements Projection {
    static final int BATCH = 500;
    /** An incident this long after a deployment to its place is no longer counted as following it. */
    public static final Duration FOLLOWS_WITHIN = Duration.ofHours(24);
    /** The states in which a deployment has shipped, in the words of the tools' graph facts. */
    static final Set<String> LIVE = Set.of("success", "succeeded", "promoted", "ready", "active");
    /** Commits kept per pull request, to find the one a deployment ships. */
    private static final int COMMITS_KEPT = 50;

    private final EventLog log;
    private final PatternStore store;
    private final Function<Event, List<GraphFact>> facts;
    private final EventClaims claims;
    private final Map<TenantId, State> states = new ConcurrentHashMap<>();

    public PatternProjection(
            EventLog log, PatternStore store, Function<Event, List<GraphFact>> facts, EventClaims claims) {
        this.log = log;
        this.store = store;
        this.facts = facts;
        this.claims = claims;
    }

    @Override
    public String name() {
        return "patterns";
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return store.checkpoint(tenant).seq();
    }

    /** What reading resumes from: every observation, indexed. */
    private static final class State {
        long seq;
        Instant logTime;
        final Map<String, Observation.Deployment> deployments = new HashMap<>();
        final Map<String, Observation.Incident> incidents = new HashMap<>();
        final Map<String, Observation.Review> reviews = new HashMap<>();
        final Map<String, String> reviewOfCommit = new HashMap<>();
        final Map<String, Observation.Work> work = new HashMap<>();
        /** What changed in this batch, by pattern and key. */
        final Map<String, Observation> changed = new LinkedHashMap<>();

        void put(Observation o) {
            switch (o) {
                case Observation.Deployment d -> deployments.put(d.key(), d);
                case Observation.Incident i -> incidents.put(i.key(), i);
                case Observation.Review r -> {
                    reviews.put(r.key(), r);
                    r.commits().forEach(c -> reviewOfCommit.put(c, r.key()));
                }
                case Observation.Work w -> work.put(w.key(), w);
            }
        }

        void changed(Observation o) {
            put(o);
            changed.put(o.pattern() + "|" + o.key(), o);
        }
    }

    @Override
    public synchronized int catchUp(TenantId tenant) {
        PatternStore.Checkpoint checkpoint = store.checkpoint(tenant);
        State state = states.get(tenant);
        if (state == null || state.seq != checkpoint.seq()) {
            state = load(tenant, checkpoint);
        }
        var page = log.read(tenant, EventQuery.all(BATCH).after(checkpoint.seq()));
        if (page.events().isEmpty()) {
            states.put(tenant, state);
            return 0;
        }
        // Changed in place: a batch the store refuses drops the state, which is read again next time.
        states.remove(tenant);
        state.changed.clear();
        for (Event e : page.events()) {
            read(state, e);
            if (state.logTime == null || e.occurredAt().isAfter(state.logTime)) {
                state.logTime = e.occurredAt();
            }
        }
        long to = page.events().getLast().seq();
        var delta = new PatternDelta(checkpoint.seq(), to, state.logTime, List.copyOf(state.changed.values()));
        if (store.apply(tenant, delta)) {
            state.seq = to;
            state.changed.clear();
            states.put(tenant, state);
            return page.events().size();
        }
        return 0;
    }

    private State load(TenantId tenant, PatternStore.Checkpoint checkpoint) {
        State s = new State();
        s.seq = checkpoint.seq();
        s.logTime = checkpoint.logTime();
        store.observations(tenant, null).forEach(s::put);
        return s;
    }

    // ---- reading one event ----------------------------------------------------------------------

    private void read(State s, Event e) {
        List<GraphFact> fs = facts.apply(e);
        Facts f = new Facts(fs);
        for (EntityRef d : f.described(EntityKind.DEPLOYMENT)) {
            deployment(s, e, f, d);
        }
        for (EntityRef i : f.described(EntityKind.INCIDENT)) {
            incident(s, e, f, i);
        }
        for (EntityRef pr : f.described(EntityKind.PULL_REQUEST)) {
            review(s, e, f, pr);
        }
        for (ClaimDraft c : claims.of(e)) {
            if (c.attribute() == ClaimAttribute.STATE
                    && ClaimRole.of(e.source(), c.entity().key(), c.via() != null, c.said()) == ClaimRole.OWNER) {
                work(s, e, f, c);
            }
        }
    }

    private void deployment(State s, Event e, Facts f, EntityRef ref) {
        String key = EntityIds.of(ref);
        var d = s.deployments.get(key);
        String environment = f.to(ref, RelationType.DEPLOYED_TO)
                .map(env -> Areas.environment(label(env)))
                .orElse(null);
        String area = f.to(ref, RelationType.BELONGS_TO).flatMap(Areas::of).orElse(null);
        EntityRef commitRef = f.to(ref, RelationType.DEPLOYED).orElse(null);
        String commit = commitRef == null ? null : sha(commitRef);
        EntityRef pr = f.toOfKind(ref, RelationType.BUILT_FROM, EntityKind.PULL_REQUEST)
                .orElse(null);
        EntityRef author = commitRef == null
                ? null
                : f.from(commitRef, RelationType.AUTHORED).orElse(null);
        EntityRef deployer = f.from(ref, RelationType.DEPLOYED).orElse(null);
        Map<String, Object> attrs = f.attributes(ref);
        String version = attrs.get("ref") instanceof String v ? v : null;
        boolean liveNow = attrs.get("state") instanceof String st && LIVE.contains(st);
        if (d == null) {
            d = new Observation.Deployment(
                    key,
                    ref(ref),
                    area,
                    environment,
                    e.occurredAt(),
                    e.seq(),
                    Citation.of(e),
                    commit,
                    version,
                    ref(author != null ? author : deployer),
                    ref(pr),
                    null,
                    false,
                    null);
        } else {
            d = new Observation.Deployment(
                    key,
                    d.deployment(),
                    d.area() != null ? d.area() : area,
                    d.environment() != null ? d.environment() : environment,
                    d.at(),
                    d.seq(),
                    d.citation(),
                    d.commit() != null ? d.commit() : commit,
                    d.version() != null ? d.version() : version,
                    d.author() != null ? d.author() : ref(author != null ? author : deployer),
                    d.pullRequest() != null ? d.pullRequest() : ref(pr),
                    d.size(),
                    d.live(),
                    d.incident());
        }
        if (liveNow && !d.live()) {
            d = new Observation.Deployment(
                    key,
                    d.deployment(),
                    d.area(),
                    d.environment(),
                    e.occurredAt(),
                    d.seq(),
                    Citation.of(e),
                    d.commit(),
                    d.version(),
                    d.author(),
                    d.pullRequest(),
                    size(s, d),
                    true,
                    d.incident());
            s.changed(d);
            followedBy(s, d);
            return;
        }
        s.changed(d);
    }

    /** The size of the change a deployment ships: its pull request's, found by its commit or its build. */
    private static Integer size(State s, Observation.Deployment d) {
        String reviewKey = d.pullRequest() != null ? d.pullRequest().id() : null;
        if ((reviewKey == null || !s.reviews.containsKey(reviewKey)) && d.commit() != null) {
            reviewKey = s.reviewOfCommit.get(d.commit());
        }
        var r = reviewKey == null ? null : s.reviews.get(reviewKey);
        return r == null ? d.size() : r.size();
    }

    /** A deployment went live: the incidents after it in its place may follow it rather than an earlier one. */
    private static void followedBy(State s, Observation.Deployment d) {
        if (d.area() == null) {
            return;
        }
        Observation.Incident first = null;
        for (var i : s.incidents.values()) {
            if (!d.area().equals(i.area())
                    || !sameEnvironment(d.environment(), i.environment())
                    || i.at().isBefore(d.at())
                    || !i.at().isBefore(d.at().plus(FOLLOWS_WITHIN))) {
                continue;
            }
            if (i.deployment() == null || i.deployment().at().isBefore(d.at())) {
                var now = i.after(near(d.deployment(), d.at(), i.at(), d.citation()));
                s.changed(now);
                if (first == null || now.at().isBefore(first.at())) {
                    first = now;
                }
            }
        }
        if (first != null) {
            s.changed(d.followedBy(near(first.incident(), first.at(), d.at(), first.citation())));
        }
    }

    private void incident(State s, Event e, Facts f, EntityRef ref) {
        String key = EntityIds.of(ref);
        var i = s.incidents.get(key);
        String area = f.to(ref, RelationType.BELONGS_TO)
                .or(() -> f.to(ref, RelationType.AFFECTS))
                .flatMap(Areas::of)
                .orElse(null);
        String environment = f.to(ref, RelationType.OCCURRED_IN)
                .map(env -> Areas.environment(label(env)))
                .orElse(null);
        if (i == null) {
            i = new Observation.Incident(
                    key, ref(ref), area, environment, started(e, f, ref), e.seq(), Citation.of(e), null);
        } else if ((i.area() == null && area != null) || (i.environment() == null && environment != null)) {
            i = i.placed(i.area() != null ? i.area() : area, i.environment() != null ? i.environment() : environment);
        } else {
            return;
        }
        if (i.area() != null && i.deployment() == null) {
            Observation.Deployment before = null;
            for (var d : s.deployments.values()) {
                if (d.live()
                        && i.area().equals(d.area())
                        && sameEnvironment(d.environment(), i.environment())
                        && !d.at().isAfter(i.at())
                        && i.at().isBefore(d.at().plus(FOLLOWS_WITHIN))
                        && (before == null || d.at().isAfter(before.at()))) {
                    before = d;
                }
            }
            if (before != null) {
                i = i.after(near(before.deployment(), before.at(), i.at(), before.citation()));
                if (before.incident() == null || before.incident().at().isAfter(i.at())) {
                    s.changed(before.followedBy(near(i.incident(), i.at(), before.at(), i.citation())));
                }
            }
        }
        s.changed(i);
    }

    /** When an incident began: the first-seen time its tool gives, when it is not after the event. */
    private static Instant started(Event e, Facts f, EntityRef ref) {
        if (f.attributes(ref).get("first_seen") instanceof String seen) {
            try {
                Instant t = Instant.parse(seen);
                return t.isAfter(e.occurredAt()) ? e.occurredAt() : t;
            } catch (java.time.format.DateTimeParseException notATime) {
                // the event's own time then
            }
        }
        return e.occurredAt();
    }

    private void review(State s, Event e, Facts f, EntityRef pr) {
        String key = EntityIds.of(pr);
        var r = s.reviews.get(key);
        boolean opened = f.from(pr, RelationType.OPENED).isPresent();
        if (r == null && !opened) {
            return;
        }
        if (r == null) {
            String area = f.to(pr, RelationType.BELONGS_TO)
                    .filter(x -> EntityKind.REPOSITORY.is(x.kind()))
                    .flatMap(Areas::of)
                    .orElse(null);
            r = new Observation.Review(
                    key,
                    ref(pr),
                    area,
                    e.occurredAt(),
                    e.seq(),
                    Citation.of(e),
                    ref(f.from(pr, RelationType.AUTHORED).orElse(null)),
                    null,
                    null,
                    List.of());
        }
        Observation.Near first = r.firstReview();
        if (first == null) {
            for (EntityRef reviewer : f.allFrom(pr, RelationType.REVIEWED)) {
                if (r.author() == null
                        || !EntityIds.of(reviewer).equals(r.author().id())) {
                    first = new Observation.Near(
                            ref(reviewer),
                            e.occurredAt(),
                            Duration.between(r.at(), e.occurredAt()).toMinutes(),
                            Citation.of(e));
                    break;
                }
            }
        }
        Map<String, Object> attrs = f.attributes(pr);
        Integer size = r.size();
        if (attrs.get("additions") instanceof Number add && attrs.get("deletions") instanceof Number del) {
            size = add.intValue() + del.intValue();
        }
        List<String> commits = new ArrayList<>(r.commits());
        for (EntityRef c : f.allTo(pr, RelationType.CONTAINS)) {
            String sha = sha(c);
            if (sha != null && !commits.contains(sha) && commits.size() < COMMITS_KEPT) {
                commits.add(sha);
            }
        }
        var now = new Observation.Review(
                key, r.pullRequest(), r.area(), r.at(), r.seq(), r.opened(), r.author(), first, size, commits);
        if (!now.equals(r)) {
            s.changed(now);
        }
    }

    private void work(State s, Event e, Facts f, ClaimDraft c) {
        String key = EntityIds.of(c.entity());
        var w = s.work.get(key);
        String phase = ClaimAttribute.STATE.phase(c.value());
        boolean closed = phase.equals("done") || phase.equals("canceled");
        if (w == null) {
            String area =
                    f.to(c.entity(), RelationType.BELONGS_TO).flatMap(Areas::of).orElse(null);
            w = new Observation.Work(
                    key,
                    ref(c.entity()),
                    area,
                    c.validFrom(),
                    e.seq(),
                    closed,
                    closed ? Citation.of(e) : null,
                    List.of());
            s.changed(w);
            return;
        }
        if (closed && !w.done()) {
            s.changed(
                    new Observation.Work(key, w.item(), w.area(), w.at(), w.seq(), true, Citation.of(e), w.reopened()));
        } else if (!closed && w.done()) {
            var reopened = new ArrayList<>(w.reopened());
            reopened.add(Citation.of(e));
            s.changed(new Observation.Work(key, w.item(), w.area(), w.at(), w.seq(), false, w.lastDone(), reopened));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** An unknown environment on either side matches production, where incidents are reported. */
    static boolean sameEnvironment(String deployment, String incident) {
        String a = deployment == null ? "production" : deployment;
        String b = incident == null ? "production" : incident;
        return a.equals(b);
    }

    private static Observation.Near near(Answer.Ref thing, Instant at, Instant from, Citation citation) {
        return new Observation.Near(
                thing, at, Math.abs(Duration.between(from, at).toMinutes()), citation);
    }

    private static String sha(EntityRef commit) {
        return commit.key().startsWith("git:") ? commit.key().substring(4) : null;
    }

    private static String label(EntityRef ref) {
        return ref.label() != null ? ref.label() : ref.key();
    }

    static Answer.Ref ref(EntityRef ref) {
        return ref == null ? null : new Answer.Ref(EntityIds.of(ref), ref.kind(), label(ref));
    }

    /** One event's facts, looked up by entity and relation. */
    private static final class Facts {
        private final List<GraphFact> all;

        Facts(List<GraphFact> all) {
            this.all = all;
        }

        List<EntityRef> described(EntityKind kind) {
            Map<String, EntityRef> out = new LinkedHashMap<>();
            for (GraphFact f : all) {
                if (f instanceof GraphFact.Describes d && kind.is(d.entity().kind())) {
                    out.putIfAbsent(d.entity().key(), d.entity());
                }
            }
            return List.copyOf(out.values());
        }

        Map<String, Object> attributes(EntityRef ref) {
            Map<String, Object> out = new HashMap<>();
            for (GraphFact f : all) {
                if (f instanceof GraphFact.Describes d && d.entity().sameEntity(ref)) {
                    out.putAll(d.attributes());
                }
            }
            return out;
        }

        java.util.Optional<EntityRef> to(EntityRef from, RelationType type) {
            return allTo(from, type).stream().findFirst();
        }

        java.util.Optional<EntityRef> toOfKind(EntityRef from, RelationType type, EntityKind kind) {
            return allTo(from, type).stream().filter(r -> kind.is(r.kind())).findFirst();
        }

        List<EntityRef> allTo(EntityRef from, RelationType type) {
            List<EntityRef> out = new ArrayList<>();
            for (GraphFact f : all) {
                if (f instanceof GraphFact.Relates r
                        && r.type() == type
                        && r.from().sameEntity(from)) {
                    out.add(r.to());
                }
            }
            return out;
        }

        java.util.Optional<EntityRef> from(EntityRef to, RelationType type) {
            return allFrom(to, type).stream().findFirst();
        }

        List<EntityRef> allFrom(EntityRef to, RelationType type) {
            List<EntityRef> out = new ArrayList<>();
            for (GraphFact f : all) {
                if (f instanceof GraphFact.Relates r && r.type() == type && r.to().sameEntity(to)) {
                    out.add(r.from());
                }
            }
            return out;
        }
    }

    @Override
    public synchronized void reset(TenantId tenant) {
        states.remove(tenant);
        store.reset(tenant);
    }
}
