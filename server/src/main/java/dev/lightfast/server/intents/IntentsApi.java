package dev.lightfast.server.intents;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.act.ApprovalPolicy;
import dev.lightfast.core.act.AuditEntry;
import dev.lightfast.core.act.AuditQuery;
import dev.lightfast.core.act.Intent;
import dev.lightfast.core.act.IntentKind;
import dev.lightfast.core.act.IntentQuery;
import dev.lightfast.core.act.IntentState;
import dev.lightfast.core.act.Intents;
import dev.lightfast.core.act.Plan;
import dev.lightfast.core.act.PlannedCall;
import dev.lightfast.core.act.PolicyDecision;
import dev.lightfast.core.act.Resolution;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Caller;
import dev.lightfast.core.tenant.MissingScope;
import dev.lightfast.core.tenant.Scope;
import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Act over HTTP: intents ({@code POST /v1/intents}, approve, execute, status), the audit trail,
 * the tenant's approval policy, connections' action credentials and scoped API keys.
 */
public final class IntentsApi {
    private static final int AUDIT_PAGE = 50;
    private static final int INTENTS_PAGE = 20;
    private static final String CURSOR = "intent|";

    private final Intents intents;
    private final ConnectionStore connections;
    private final TenantStore tenants;
    private final Clock clock;

    public IntentsApi(
            Intents intents,
            ConnectionStore connections,
            TenantStore tenants,
            java.util.function.Consumer<String> apiBases,
            Clock clock) {
        this.intents = intents;
        this.apiBases = apiBases;
        this.connections = connections;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Refuses (InvalidInput) an apiBase outbound calls may not go to, as subscriptions' URLs. */
    private final java.util.function.Consumer<String> apiBases;

    record NewIntent(String intent, Map<String, Object> args, Boolean execute) {}

    /**
     * One intent as the list shows it: where it stands, its plan in one line, the calls it makes,
     * the cited reasons they rest on, and the policy that applies.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntentItem(
            String id,
            IntentKind kind,
            Map<String, String> args,
            IntentState state,
            String summary,
            List<PlannedCall> calls,
            List<Resolution> reasons,
            PolicyDecision policy,
            List<EntityRef> targets,
            String proposedBy,
            Instant proposedAt,
            Instant updatedAt,
            String message,
            String eventId) {
        static IntentItem of(Intent i) {
            Plan p = i.plan();
            return new IntentItem(
                    i.id(),
                    i.kind(),
                    i.args(),
                    i.state(),
                    p.summary(),
                    p.calls(),
                    p.resolution(),
                    p.policy(),
                    p.targets(),
                    i.proposedBy(),
                    i.proposedAt(),
                    i.updatedAt(),
                    i.message(),
                    i.eventId());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntentList(List<IntentItem> intents, String nextCursor) {}

    record AuditPage(List<AuditEntry> entries, long nextAfter, boolean hasMore) {}

    record Credentials(String token, String apiBase) {}

    record CredentialsSet(String connectionId, String provider, String apiBase) {}

    record NewKey(List<String> scopes) {}

    record IssuedKey(String apiKey, String keyId, List<String> scopes) {}

    record Policy(List<String> requireApproval) {}

    record PolicyView(List<String> requireApproval, String setBy, Instant setAt, String eventId) {
        static PolicyView of(ApprovalPolicy p) {
            return new PolicyView(
                    p.requireApproval().stream().sorted().map(IntentKind::wire).toList(),
                    p.setBy(),
                    p.setAt(),
                    p.eventId());
        }
    }

    public void register(Routes routes) {
        routes.caller(
                RouteSpec.of("POST", "/v1/intents")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("Propose an intent: resolved to a plan of tool calls with cited reasons and the policy"
                                + " that applies (a dry run unless execute is true; scope propose, and execute to run)")
                        .request(
                                ref("NewIntent"),
                                Map.of(
                                        "intent",
                                        "comment",
                                        "args",
                                        Map.of("on", "the PR that fixed #1", "text", "Looking into this now.")))
                        .response(201, "the intent with its plan", ref("IntentStatus"))
                        .response(403, "the key lacks the propose (or execute) scope", ref("Error"))
                        .build(),
                this::propose);
        routes.caller(
                RouteSpec.of("GET", "/v1/intents")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("The tenant's intents, newest first, each with its plan summary, cited reasons and"
                                + " state; page with cursor (scope read)")
                        .query(
                                "status",
                                "only intents in this state, or in any of several separated by commas: "
                                        + IntentState.names(),
                                Map.of(
                                        "type",
                                        "string",
                                        "examples",
                                        List.of("awaiting_approval", "executing,succeeded,failed")),
                                IntentState.AWAITING_APPROVAL.wire())
                        .query("cursor", "a page's nextCursor, to continue", string())
                        .query(
                                "limit",
                                "page size, 1-" + IntentQuery.MAX_LIMIT + " (default " + INTENTS_PAGE + ")",
                                integer(1, IntentQuery.MAX_LIMIT))
                        .response(200, "a page of intents", ref("IntentList"))
                        .response(400, "an unknown state or a cursor this API did not give out", ref("Error"))
                        .build(),
                this::list);
        routes.caller(
                RouteSpec.of("GET", "/v1/intents/{id}")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("An intent: its plan, approvals, every call attempt and its result (scope read)")
                        .response(200, "the intent", ref("IntentStatus"))
                        .response(404, "no such intent for this tenant", ref("Error"))
                        .build(),
                (ctx, caller) -> ctx.json(intents.status(caller, id(ctx)).orElseThrow(() -> missing(ctx))));
        routes.caller(
                RouteSpec.of("POST", "/v1/intents/{id}/approve")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("Approve an intent (scope approve; by another key than the proposer's, or an admin"
                                + " key); one waiting for approval starts")
                        .response(200, "the intent", ref("IntentStatus"))
                        .response(403, "the key may not approve this intent", ref("Error"))
                        .response(404, "no such intent for this tenant", ref("Error"))
                        .build(),
                (ctx, caller) -> ctx.json(intents.approve(caller, id(ctx)).orElseThrow(() -> missing(ctx))));
        routes.caller(
                RouteSpec.of("POST", "/v1/intents/{id}/execute")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("Run an intent's plan in the background, exactly once per call; it waits for an"
                                + " approval when policy requires one (scope execute)")
                        .response(202, "the intent, executing or awaiting approval", ref("IntentStatus"))
                        .response(404, "no such intent for this tenant", ref("Error"))
                        .build(),
                (ctx, caller) ->
                        ctx.status(202).json(intents.execute(caller, id(ctx)).orElseThrow(() -> missing(ctx))));
        routes.caller(
                RouteSpec.of("GET", "/v1/audit")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary(
                                "Who asked for what, who approved, what ran and how it ended, oldest first (scope read)")
                        .query(
                                "after",
                                "only entries after this position (the previous page's nextAfter)",
                                integer(0, Long.MAX_VALUE))
                        .query(
                                "limit",
                                "page size, 1-" + AuditQuery.MAX_LIMIT + " (default " + AUDIT_PAGE + ")",
                                integer(1, AuditQuery.MAX_LIMIT))
                        .query("actor", "only this actor's entries (an API key id, or lightfast)", string())
                        .query("from", "only entries at or after this instant", string("date-time"))
                        .query("to", "only entries before this instant", string("date-time"))
                        .response(200, "a page of the audit trail", ref("AuditPage"))
                        .build(),
                this::audit);
        routes.caller(
                RouteSpec.of("GET", "/v1/intent-policy")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary("Which intents wait for an approval (scope read)")
                        .response(200, "the approval policy", ref("IntentPolicy"))
                        .build(),
                (ctx, caller) -> ctx.json(PolicyView.of(intents.policy(caller))));
        routes.caller(
                RouteSpec.of("PUT", "/v1/intent-policy")
                        .tag("intents")
                        .auth(Auth.TENANT)
                        .summary(
                                "Set which intents wait for an approval; recorded as an event that plans cite (scope admin)")
                        .request(ref("NewIntentPolicy"), Map.of("requireApproval", List.of("rollback", "open_ticket")))
                        .response(200, "the approval policy", ref("IntentPolicy"))
                        .build(),
                this::setPolicy);
        routes.caller(
                RouteSpec.of("PUT", "/v1/connections/{id}/credentials")
                        .tag("connections")
                        .auth(Auth.TENANT)
                        .summary("Set the credentials Lightfast acts on a connected tool with: sealed at rest, never"
                                + " returned (scope admin); apiBase points elsewhere than the tool's own API")
                        .request(ref("NewCredentials"), Map.of("token", "ghp_example", "apiBase", "http://127.0.0.1:9"))
                        .response(200, "which connection now acts (never the token)", ref("CredentialsSet"))
                        .response(404, "no such connection for this tenant", ref("Error"))
                        .build(),
                this::setCredentials);
        routes.caller(
                RouteSpec.of("POST", "/v1/keys")
                        .tag("tenants")
                        .auth(Auth.TENANT)
                        .summary("Issue another API key of this tenant with some scopes: read, propose, execute,"
                                + " approve, admin (scope admin; shown once)")
                        .request(ref("NewKey"), Map.of("scopes", List.of("read", "propose")))
                        .response(201, "the key, shown once", ref("IssuedKey"))
                        .build(),
                this::issueKey);
    }

    private void propose(Context ctx, Caller caller) {
        var body = RequestBodies.required(ctx, NewIntent.class);
        var status = intents.propose(caller, body.intent(), body.args(), Boolean.TRUE.equals(body.execute()));
        ctx.status(201).json(status);
    }

    private void list(Context ctx, Caller caller) {
        Set<IntentState> states = EnumSet.noneOf(IntentState.class);
        String status = QueryParams.text(ctx, "status");
        if (status != null) {
            for (String s : status.split(",")) {
                states.add(IntentState.of(s));
            }
        }
        var query = new IntentQuery(
                states,
                decode(QueryParams.text(ctx, "cursor")),
                QueryParams.bounded(ctx, "limit", INTENTS_PAGE, 1, IntentQuery.MAX_LIMIT));
        var page = intents.list(caller, query);
        ctx.json(new IntentList(
                page.intents().stream().map(IntentItem::of).toList(),
                page.next() == null ? null : encode(page.next())));
    }

    static String encode(IntentQuery.Position p) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR + p.proposedAt() + "|" + p.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; null for none. */
    static IntentQuery.Position decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(CURSOR)) {
                String[] parts = s.substring(CURSOR.length()).split("\\|", 2);
                if (parts.length == 2 && parts[1].startsWith("int_")) {
                    return new IntentQuery.Position(Instant.parse(parts[0]), parts[1]);
                }
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException malformed) {
            // answered below
        }
        throw new InvalidInput("cursor is not one this API gave out; pass a page's nextCursor unchanged");
    }

    private void audit(Context ctx, Caller caller) {
        int limit = QueryParams.bounded(ctx, "limit", AUDIT_PAGE, 1, AuditQuery.MAX_LIMIT);
        var q = new AuditQuery(
                QueryParams.whole(ctx, "after", 0),
                limit + 1,
                QueryParams.text(ctx, "actor"),
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"));
        var entries = intents.audit(caller, q);
        boolean more = entries.size() > limit;
        var page = more ? entries.subList(0, limit) : entries;
        ctx.json(new AuditPage(page, page.isEmpty() ? q.after() : page.getLast().position(), more));
    }

    private void setPolicy(Context ctx, Caller caller) {
        var body = RequestBodies.required(ctx, Policy.class);
        if (body.requireApproval() == null) {
            throw new InvalidInput(
                    "requireApproval is required: the intents that wait for an approval, e.g. [\"rollback\"]");
        }
        Set<IntentKind> kinds = EnumSet.noneOf(IntentKind.class);
        body.requireApproval().forEach(k -> kinds.add(IntentKind.of(k)));
        ctx.json(PolicyView.of(intents.setPolicy(caller, kinds)));
    }

    private void setCredentials(Context ctx, Caller caller) {
        MissingScope.require(caller, Scope.ADMIN, "set tool credentials");
        var connection = connections
                .find(id(ctx))
                .filter(c -> c.tenant().equals(caller.tenant()))
                .orElseThrow(() -> ApiError.notFound("no connection " + id(ctx)));
        var body = RequestBodies.required(ctx, Credentials.class);
        if (body.apiBase() != null && !body.apiBase().isBlank()) {
            apiBases.accept(body.apiBase().strip());
        }
        intents.setCredentials(caller, connection.id(), connection.provider(), body.token(), body.apiBase());
        ctx.json(new CredentialsSet(
                connection.id(),
                connection.provider(),
                body.apiBase() == null || body.apiBase().isBlank()
                        ? null
                        : body.apiBase().strip()));
    }

    private void issueKey(Context ctx, Caller caller) {
        MissingScope.require(caller, Scope.ADMIN, "issue API keys");
        var body = RequestBodies.required(ctx, NewKey.class);
        if (body.scopes() == null || body.scopes().isEmpty()) {
            throw new InvalidInput("scopes is required: some of read, propose, execute, approve, admin");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        body.scopes().forEach(s -> scopes.add(Scope.of(s)));
        var issued = ApiKeys.issue(caller.tenant(), clock.instant(), scopes);
        tenants.addKey(issued.stored());
        ctx.status(201)
                .json(new IssuedKey(
                        issued.plaintext(),
                        issued.stored().keyId(),
                        scopes.stream().sorted().map(Scope::wire).toList()));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static ApiError missing(Context ctx) {
        return ApiError.notFound("no intent " + id(ctx));
    }
}
