package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.MissingScope;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The intent flow: propose (resolve to a plan, a dry run), approve, execute, status, audit. The
 * same for REST and MCP. Scopes are checked here, so no door forgets them.
 */
public final class Intents {
    private final IntentStore store;
    private final IntentPlanner planner;
    private final ActionCredentials credentials;
    private final ToolClients clients;
    private final IntentExecutor executor;
    private final ActEvents events;
    private final Clock clock;

    public Intents(
            IntentStore store,
            IntentPlanner planner,
            ActionCredentials credentials,
            ToolClients clients,
            IntentExecutor executor,
            ActEvents events,
            Clock clock) {
        this.store = store;
        this.planner = planner;
        this.credentials = credentials;
        this.clients = clients;
        this.executor = executor;
        this.events = events;
        this.clock = clock;
    }

    /** Resolves an intent to a plan and records it; runs it too when asked and policy allows. */
    public Intent.Status propose(Caller caller, String kind, Map<String, ?> rawArgs, boolean execute) {
        MissingScope.require(caller, Scope.PROPOSE, "propose intents");
        if (execute) {
            MissingScope.require(caller, Scope.EXECUTE, "execute intents");
        }
        IntentKind k = IntentKind.of(kind);
        IntentArgs args = IntentArgs.of(k, rawArgs);
        TenantId tenant = caller.tenant();
        String id = Ids.prefixed("int");
        Plan plan = planner.plan(tenant, id, args, c -> credentials.has(tenant, c));
        plan = plan.withPolicy(decide(tenant, k));
        Map<String, String> given = new LinkedHashMap<>();
        rawArgs.forEach((n, v) -> given.put(n, String.valueOf(v).strip()));
        var now = clock.instant();
        var draft = new Intent(id, tenant, k, given, caller.keyId(), now, IntentState.PLANNED, plan, null, null, now);
        Event proposed = events.record(
                tenant,
                draft,
                ActEvents.PROPOSED,
                "proposed",
                "Intent " + k.wire() + " proposed: " + summary(plan),
                null,
                Map.of("proposed_by", caller.keyId(), "calls", plan.calls().size(), "args", given),
                List.of());
        var intent = new Intent(
                id, tenant, k, given, caller.keyId(), now, IntentState.PLANNED, plan, proposed.id(), null, now);
        store.create(intent);
        store.audit(tenant, new AuditEntry(0, now, caller.keyId(), "proposed", id, k.wire(), summary(plan)));
        if (execute) {
            return execute(caller, id).orElseThrow();
        }
        return status(tenant, id).orElseThrow();
    }

    /** Records an approval; an intent waiting for it starts. Empty when there is no such intent. */
    public Optional<Intent.Status> approve(Caller caller, String id) {
        MissingScope.require(caller, Scope.APPROVE, "approve intents");
        TenantId tenant = caller.tenant();
        var found = store.find(tenant, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Intent intent = found.get();
        if (intent.proposedBy().equals(caller.keyId()) && !caller.may(Scope.ADMIN)) {
            throw new MissingScope("an intent is approved by another key than the one that proposed it"
                    + " (or by a key with the 'admin' scope)");
        }
        if (intent.state().finished() || intent.state() == IntentState.EXECUTING) {
            throw new InvalidInput("intent " + id + " is " + intent.state().wire() + ": there is nothing to approve");
        }
        var now = clock.instant();
        Event e = events.record(
                tenant,
                intent,
                ActEvents.APPROVED,
                "approved/" + caller.keyId(),
                "Intent " + intent.kind().wire() + " " + id + " approved",
                null,
                Map.of("approved_by", caller.keyId()),
                List.of());
        store.approve(tenant, id, new Approval(caller.keyId(), now, e.id()));
        store.audit(
                tenant,
                new AuditEntry(
                        0, now, caller.keyId(), "approved", id, intent.kind().wire(), null));
        if (intent.state() == IntentState.AWAITING_APPROVAL) {
            start(tenant, intent, Set.of(IntentState.AWAITING_APPROVAL), caller.keyId());
        } else {
            store.transition(tenant, id, Set.of(IntentState.PLANNED), intent.with(IntentState.APPROVED, null, now));
        }
        return status(tenant, id);
    }

    /**
     * Asks for the plan to run: it starts now when policy allows, else waits for an approval.
     * Asking again is harmless. Empty when there is no such intent.
     */
    public Optional<Intent.Status> execute(Caller caller, String id) {
        MissingScope.require(caller, Scope.EXECUTE, "execute intents");
        TenantId tenant = caller.tenant();
        var found = store.find(tenant, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Intent intent = found.get();
        if (intent.state() == IntentState.PLANNED || intent.state() == IntentState.APPROVED) {
            ready(tenant, intent);
            boolean approved = !store.approvals(tenant, id).isEmpty();
            if (intent.plan().policy().approvalRequired() && !approved) {
                var now = clock.instant();
                if (store.transition(
                        tenant,
                        id,
                        Set.of(IntentState.PLANNED),
                        intent.with(IntentState.AWAITING_APPROVAL, null, now))) {
                    store.audit(
                            tenant,
                            new AuditEntry(
                                    0,
                                    now,
                                    caller.keyId(),
                                    "awaiting_approval",
                                    id,
                                    intent.kind().wire(),
                                    intent.plan().policy().because()));
                }
            } else {
                start(tenant, intent, Set.of(IntentState.PLANNED, IntentState.APPROVED), caller.keyId());
            }
        }
        return status(tenant, id);
    }

    public Optional<Intent.Status> status(TenantId tenant, String id) {
        return store.find(tenant, id)
                .map(i -> new Intent.Status(i, store.approvals(tenant, id), store.attempts(tenant, id)));
    }

    public Optional<Intent.Status> status(Caller caller, String id) {
        MissingScope.require(caller, Scope.READ, "read intents");
        return status(caller.tenant(), id);
    }

    /** The tenant's intents, newest first (scope read). */
    public IntentPage list(Caller caller, IntentQuery query) {
        MissingScope.require(caller, Scope.READ, "read intents");
        return store.list(caller.tenant(), query);
    }

    public List<AuditEntry> audit(Caller caller, AuditQuery query) {
        MissingScope.require(caller, Scope.READ, "read the audit trail");
        return store.audit(caller.tenant(), query);
    }

    /** Sets which intents wait for an approval; recorded as an event that plans then cite. */
    public ApprovalPolicy setPolicy(Caller caller, Set<IntentKind> requireApproval) {
        MissingScope.require(caller, Scope.ADMIN, "set the approval policy");
        var now = clock.instant();
        var placeholder = new Intent(
                "policy",
                caller.tenant(),
                IntentKind.NOTIFY,
                Map.of(),
                caller.keyId(),
                now,
                IntentState.PLANNED,
                null,
                null,
                null,
                now);
        List<String> kinds =
                requireApproval.stream().sorted().map(IntentKind::wire).toList();
        var e = events.record(
                caller.tenant(),
                placeholder,
                ActEvents.POLICY_SET,
                "policy/" + Ids.ulid(),
                "Approval required for: " + (kinds.isEmpty() ? "no intent" : String.join(", ", kinds)),
                null,
                Map.of("require_approval", kinds, "set_by", caller.keyId()),
                List.of());
        var policy = new ApprovalPolicy(requireApproval, caller.keyId(), now, e.id());
        store.setPolicy(caller.tenant(), policy);
        store.audit(
                caller.tenant(),
                new AuditEntry(0, now, caller.keyId(), "policy_set", null, null, String.join(", ", kinds)));
        return policy;
    }

    public ApprovalPolicy policy(Caller caller) {
        MissingScope.require(caller, Scope.READ, "read the approval policy");
        return store.policy(caller.tenant()).orElse(ApprovalPolicy.DEFAULT);
    }

    /** Sets a connection's credentials for actions (the connection must be the tenant's). */
    public void setCredentials(Caller caller, String connectionId, String provider, String token, String apiBase) {
        MissingScope.require(caller, Scope.ADMIN, "set tool credentials");
        credentials.set(caller.tenant(), connectionId, provider, token, apiBase);
        store.audit(
                caller.tenant(),
                new AuditEntry(
                        0,
                        clock.instant(),
                        caller.keyId(),
                        "credentials_set",
                        null,
                        null,
                        "connection " + connectionId));
    }

    PolicyDecision decide(TenantId tenant, IntentKind kind) {
        var set = store.policy(tenant);
        ApprovalPolicy p = set.orElse(ApprovalPolicy.DEFAULT);
        boolean required = p.requireApproval().contains(kind);
        if (set.isEmpty()) {
            return new PolicyDecision(
                    required,
                    required
                            ? "by default, " + kind.wire() + " waits for an approval (it changes production)"
                            : "by default, " + kind.wire() + " needs no approval",
                    List.of());
        }
        List<Citation> cited = List.of();
        if (p.eventId() != null) {
            cited = List.of(new Citation(p.eventId(), 0, ActEvents.POLICY_SET, null, p.setAt()));
        }
        return new PolicyDecision(
                required,
                "the tenant's approval policy (set by " + p.setBy() + ") "
                        + (required ? "requires an approval for " : "requires none for ") + kind.wire(),
                cited);
    }

    /** Every call has a client and a credential, or the caller learns now, not mid-plan. */
    private void ready(TenantId tenant, Intent intent) {
        for (PlannedCall p : intent.plan().calls()) {
            ToolCall c = p.call();
            if (!clients.supports(c.operation())) {
                throw new InvalidInput("this server has no " + c.operation().tool() + " client for "
                        + c.operation().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (!credentials.has(tenant, c.connectionId())) {
                throw new InvalidInput(
                        "connection " + c.connectionId() + " (" + c.operation().tool()
                                + ") has no credentials: set them with PUT /v1/connections/" + c.connectionId()
                                + "/credentials");
            }
        }
    }

    private void start(TenantId tenant, Intent intent, Set<IntentState> from, String by) {
        ready(tenant, intent);
        var now = clock.instant();
        if (store.transition(
                tenant, intent.id(), EnumSet.copyOf(from), intent.with(IntentState.EXECUTING, null, now))) {
            store.audit(
                    tenant,
                    new AuditEntry(
                            0, now, by, "executing", intent.id(), intent.kind().wire(), null));
            executor.submit(tenant, intent.id());
        }
    }

    static String summary(Plan plan) {
        return plan.summary();
    }
}
