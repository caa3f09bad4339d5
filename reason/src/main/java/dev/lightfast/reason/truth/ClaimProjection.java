package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimDelta;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.claim.ClaimRole;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.Conflict;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each tenant's log into claims as it grows, off the request path, like the graph: every
 * event's claims as its tool's connector states them ({@link dev.lightfast.core.claim.ClaimExtractor};
 * an operator's statement as {@link dev.lightfast.core.claim.OperatorClaims} records it), each voice's latest claim, and the
 * conflicts among them, which open when the standing claims about an attribute start to disagree and
 * close when they agree again. A batch is written with its checkpoint in one transaction.
 *
 * <p>A claim that repeats its voice's latest (the same value in the same words) is not kept again:
 * a tracker that sends its issue's state with every edit states it once.
 */
public final class ClaimProjection implements Projection {
    static final int BATCH = 500;

    private final EventLog log;
    private final ClaimStore store;
    private final EventClaims claims;
    private final Map<TenantId, State> states = new ConcurrentHashMap<>();

    public ClaimProjection(EventLog log, ClaimStore store, Connectors connectors) {
        this.log = log;
        this.store = store;
        this.claims = new EventClaims(connectors);
    }

    @Override
    public String name() {
        return "claims";
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return store.checkpoint(tenant);
    }

    /** The heads and open conflicts of one tenant, as of {@code seq}. */
    private static final class State {
        long seq;
        final Map<String, Map<String, Claim>> heads = new HashMap<>();
        final Map<String, Conflict> open = new HashMap<>();

        State(long seq) {
            this.seq = seq;
        }
    }

    @Override
    public synchronized int catchUp(TenantId tenant) {
        long checkpoint = store.checkpoint(tenant);
        State state = states.get(tenant);
        if (state == null || state.seq != checkpoint) {
            state = load(tenant, checkpoint);
        }
        var page = log.read(tenant, EventQuery.all(BATCH).after(checkpoint));
        if (page.events().isEmpty()) {
            states.put(tenant, state);
            return 0;
        }
        List<Claim> added = new ArrayList<>();
        Map<String, Claim> heads = new LinkedHashMap<>();
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        // Changed in place: a batch the store refuses drops the state, which is read again next time.
        State next = state;
        states.remove(tenant);
        for (Event e : page.events()) {
            List<ClaimDraft> drafts = claims.of(e);
            for (int i = 0; i < drafts.size(); i++) {
                Claim c = claim(e, i, drafts.get(i));
                String key = c.entityId() + "|" + c.attribute();
                var voices = next.heads.computeIfAbsent(key, k -> new HashMap<>());
                Claim before = voices.get(c.voice());
                if (before != null
                        && before.value().equals(c.value())
                        && before.stated().equals(c.stated())) {
                    continue;
                }
                voices.put(c.voice(), c);
                added.add(c);
                heads.put(key + "|" + c.voice(), c);
                judge(next, key, c, voices).ifPresent(x -> conflicts.put(key + "|" + x.openedSeq(), x));
            }
        }
        long to = page.events().getLast().seq();
        var delta = new ClaimDelta(checkpoint, to, added, List.copyOf(heads.values()), List.copyOf(conflicts.values()));
        if (store.apply(tenant, delta)) {
            next.seq = to;
            states.put(tenant, next);
            return page.events().size();
        }
        return 0; // another server read these; its state is read next time
    }

    /** Whether a new claim opens, changes or closes the conflict about its entity's attribute. */
    private static java.util.Optional<Conflict> judge(State s, String key, Claim c, Map<String, Claim> voices) {
        ClaimAttribute attribute = ClaimAttribute.of(c.attribute()).orElseThrow();
        List<Claim> disagreeing = Standing.of(attribute, voices.values()).disagreeing();
        Conflict open = s.open.get(key);
        if (disagreeing.isEmpty()) {
            if (open == null) {
                return java.util.Optional.empty();
            }
            s.open.remove(key);
            return java.util.Optional.of(open.closed(c.seq(), c.validFrom()));
        }
        Conflict now = open == null
                ? new Conflict(c.entityId(), c.entity(), c.attribute(), c.seq(), c.validFrom(), null, null, disagreeing)
                : open.withClaims(disagreeing);
        s.open.put(key, now);
        return java.util.Optional.of(now);
    }

    private State load(TenantId tenant, long checkpoint) {
        State s = new State(checkpoint);
        for (Claim c : store.heads(tenant)) {
            s.heads
                    .computeIfAbsent(c.entityId() + "|" + c.attribute(), k -> new HashMap<>())
                    .put(c.voice(), c);
        }
        for (Conflict x : store.open(tenant)) {
            s.open.put(x.entityId() + "|" + x.attribute(), x);
        }
        return s;
    }

    /** A draft as kept: its id, entity id, role and voice, the stating event's citation. */
    static Claim claim(Event e, int ordinal, ClaimDraft d) {
        ClaimRole role = ClaimRole.of(e.source(), d.entity().key(), d.via() != null, d.said());
        String viaId = d.via() == null ? null : EntityIds.of(d.via());
        String voice = e.source()
                + (viaId != null ? "|" + viaId : "")
                + (d.said() ? "|said:" + (e.actor() != null ? e.actor().key() : d.speaker()) : "");
        return new Claim(
                e.id() + "#" + ordinal,
                EntityIds.of(d.entity()),
                d.entity(),
                d.attribute().wire(),
                d.value(),
                d.stated(),
                d.validFrom(),
                e.seq(),
                e.source(),
                role.wire(),
                voice,
                d.speaker(),
                d.via(),
                viaId,
                Citation.of(e));
    }

    @Override
    public synchronized void reset(TenantId tenant) {
        states.remove(tenant);
        store.reset(tenant);
    }
}
