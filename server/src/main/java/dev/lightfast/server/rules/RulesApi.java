package dev.lightfast.server.rules;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.rule.Rule;
import dev.lightfast.core.rule.RuleStats;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.ViolationQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.rule.DryRun;
import dev.lightfast.reason.rule.RuleBook;
import dev.lightfast.reason.rule.RuleCheck;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The team's rules: {@code POST /v1/rules} and {@code PUT}/{@code DELETE /v1/rules/{id}} record a
 * new version in the log (so every violation can name the version that judged it), {@code GET}
 * reads them back with what they have found, {@code POST /v1/rules/dry-run} tries a rule on the
 * history without saving it, and {@code POST /v1/rules/check} says which rules an entity breaks now
 * or a proposed action would break.
 */
public final class RulesApi {
    static final int DRY_RUN_DEFAULT = 20;
    static final int DRY_RUN_MAX = 200;
    private static final int RECENT_ERRORS = 20;

    private final RuleBook book;
    private final RuleStore store;
    private final DryRun dryRun;
    private final RuleCheck check;
    private final ProposedActions actions;
    private final Clock clock;

    public RulesApi(RuleBook book, RuleStore store, DryRun dryRun, RuleCheck check, EventLog log, Clock clock) {
        this.book = book;
        this.store = store;
        this.dryRun = dryRun;
        this.check = check;
        this.actions = new ProposedActions(log, clock);
        this.clock = clock;
    }

    /** The dry run's answer: the rule tried (its id when it exists) and what it found. */
    record DryRunAnswer(String ruleId, int version, DryRun.Result result) {}

    /** The check's answer: open violations about the entity, and what the action would break. */
    record CheckAnswer(String entity, List<Violation> violations, List<RuleCheck.Finding> findings) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("POST", "/v1/rules")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Add a rule (CEL, compiled and type-checked now); recorded as an event, it judges"
                                + " every event after it")
                        .request(ref("RuleSpec"), RuleSchemas.EXAMPLE)
                        .response(201, "the rule's first version", ref("Rule"))
                        .response(400, "invalid_rule: the field and, for CEL, line and column", ref("InvalidRule"))
                        .response(
                                422, "rule_limit: the tenant has as many (or as costly) rules as it may", ref("Error"))
                        .build(),
                (ctx, tenant) -> RuleRequests.answering(ctx, () -> {
                    Rule created = book.create(tenant, RuleRequests.spec(RuleRequests.body(ctx)));
                    ctx.status(201).json(RuleView.of(created, RuleStats.NONE));
                }));
        routes.tenant(
                RouteSpec.of("GET", "/v1/rules")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("The tenant's rules, current version of each, with what each has found")
                        .query(
                                "status",
                                "active or disabled; both when absent",
                                Map.of("type", "string", "enum", List.of("active", "disabled")))
                        .response(200, "the rules in order of creation", ref("RuleList"))
                        .build(),
                this::list);
        routes.tenant(
                RouteSpec.of("POST", "/v1/rules/dry-run")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Try a rule (or an existing one, by ruleId) on the history or a window of it, saving"
                                + " nothing: how many violations, the first ones cited, and the time it took")
                        .request(ref("DryRunRequest"), Map.of("rule", RuleSchemas.EXAMPLE))
                        .response(200, "what the rule found", ref("DryRunResult"))
                        .response(400, "invalid_rule, or neither rule nor ruleId", ref("InvalidRule"))
                        .response(404, "no rule with that ruleId", ref("Error"))
                        .build(),
                (ctx, tenant) -> RuleRequests.answering(ctx, () -> dryRun(ctx, tenant)));
        routes.tenant(
                RouteSpec.of("POST", "/v1/rules/check")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Which rules an entity breaks now (its open violations) and which a proposed action"
                                + " would break, judged against the log and graph as they are")
                        .request(
                                ref("RuleCheckRequest"),
                                Map.of(
                                        "action",
                                        Map.of(
                                                "type",
                                                "github.deployment.created",
                                                "attributes",
                                                Map.of("environment", "production"))))
                        .response(200, "open violations and findings, each cited", ref("RuleCheckResult"))
                        .response(400, "neither entity nor action, or an action without a type", ref("Error"))
                        .build(),
                this::check);
        routes.tenant(
                RouteSpec.of("GET", "/v1/rules/{id}")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("One rule: its current version, every version with the event that recorded it, what"
                                + " it has found and its latest run-time errors")
                        .response(200, "the rule", ref("Rule"))
                        .response(404, "no such rule in this tenant", ref("Error"))
                        .build(),
                this::get);
        routes.tenant(
                RouteSpec.of("PUT", "/v1/rules/{id}")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Change a rule: a new version, recorded as an event; it judges the events after it"
                                + " (a disabled rule is active again)")
                        .request(ref("RuleSpec"), RuleSchemas.EXAMPLE)
                        .response(200, "the new version", ref("Rule"))
                        .response(400, "invalid_rule", ref("InvalidRule"))
                        .response(404, "no such rule in this tenant", ref("Error"))
                        .response(409, "another change made this version meanwhile", ref("Error"))
                        .response(422, "rule_limit", ref("Error"))
                        .build(),
                (ctx, tenant) -> RuleRequests.answering(ctx, () -> {
                    String id = ctx.pathParam("id");
                    Rule changed = book.change(tenant, id, RuleRequests.spec(RuleRequests.body(ctx)))
                            .orElseThrow(() -> noRule(id));
                    ctx.json(RuleView.of(changed, store.stats(tenant).get(id)));
                }));
        routes.tenant(
                RouteSpec.of("DELETE", "/v1/rules/{id}")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Disable a rule: a new version that judges nothing; its violations stay, cited")
                        .response(200, "the disabled version (as it was, when already disabled)", ref("Rule"))
                        .response(404, "no such rule in this tenant", ref("Error"))
                        .build(),
                (ctx, tenant) -> RuleRequests.answering(ctx, () -> {
                    String id = ctx.pathParam("id");
                    Rule disabled = book.disable(tenant, id).orElseThrow(() -> noRule(id));
                    ctx.json(RuleView.of(disabled, store.stats(tenant).get(id)));
                }));
    }

    private void list(Context ctx, TenantId tenant) {
        String status = ctx.queryParam("status");
        if (status != null && !status.equals("active") && !status.equals("disabled")) {
            throw ApiError.badRequest("status must be active or disabled; got '" + status + "'");
        }
        Map<String, RuleStats> stats = store.stats(tenant);
        var rules = book.list(tenant).stream()
                .filter(r -> status == null || r.status().wire().equals(status))
                .map(r -> RuleView.of(r, stats.get(r.id())))
                .toList();
        ctx.json(Map.of("rules", rules));
    }

    private void get(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var history = book.get(tenant, id).orElseThrow(() -> noRule(id));
        ctx.json(RuleView.of(history.current(), store.stats(tenant).get(id))
                .withHistory(history.versions(), store.errors(tenant, id, RECENT_ERRORS)));
    }

    private void dryRun(Context ctx, TenantId tenant) {
        JsonNode body = RuleRequests.body(ctx);
        int limit = body.has("limit") ? body.get("limit").asInt() : DRY_RUN_DEFAULT;
        if (limit < 1 || limit > DRY_RUN_MAX) {
            throw ApiError.badRequest("limit must be between 1 and " + DRY_RUN_MAX + "; got " + limit);
        }
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.badRequest("from must be before to");
        }
        Rule rule;
        if (body.hasNonNull("ruleId")) {
            String id = body.get("ruleId").asString();
            rule = book.get(tenant, id).orElseThrow(() -> noRule(id)).current();
        } else if (body.hasNonNull("rule")) {
            rule = new Rule(
                    "rul_dry_run",
                    1,
                    Rule.Status.ACTIVE,
                    RuleRequests.spec(body.get("rule")),
                    0,
                    null,
                    clock.instant());
        } else {
            throw ApiError.badRequest("give the rule to try as \"rule\", or an existing rule's id as \"ruleId\"");
        }
        var result = dryRun.run(tenant, rule, from, to, limit);
        ctx.json(new DryRunAnswer(rule.id(), rule.version(), result));
    }

    private void check(Context ctx, TenantId tenant) {
        JsonNode body = RuleRequests.body(ctx);
        String entity = null;
        List<Violation> open = List.of();
        if (body.hasNonNull("entity")) {
            entity = entityId(
                    body.get("entity").asString(),
                    body.hasNonNull("kind") ? body.get("kind").asString() : null);
            open = store.violations(
                            tenant,
                            new ViolationQuery(
                                    null, Violation.Status.OPEN, entity, null, null, null, ViolationQuery.MAX_LIMIT))
                    .violations();
        }
        List<RuleCheck.Finding> findings = List.of();
        if (body.hasNonNull("action")) {
            findings = check.action(tenant, actions.event(tenant, body.get("action")));
        }
        if (entity == null && !body.hasNonNull("action")) {
            throw ApiError.badRequest("give an entity (an id, or a key with its kind) and/or an action"
                    + " {\"type\": ..., \"attributes\": {...}, \"subjects\": [...]} to check");
        }
        ctx.json(new CheckAnswer(entity, open, findings));
    }

    /** An entity id, or the id of a key with its kind. */
    static String entityId(String given, String kind) {
        if (given.startsWith("ent_")) {
            return given;
        }
        if (kind == null || kind.isBlank()) {
            throw ApiError.badRequest("entity '" + given + "' is not an entity id (ent_...); give its kind too,"
                    + " such as {\"entity\": \"github:o/r/pull/1\", \"kind\": \"pull_request\"}");
        }
        return EntityIds.of(kind, given);
    }

    static Instant instant(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return null;
        }
        try {
            return Instant.parse(body.get(field).asString());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.badRequest(field + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z; got '"
                    + body.get(field).asString() + "'");
        }
    }

    private static ApiError noRule(String id) {
        return ApiError.notFound("no rule '" + id + "' in this tenant; GET /v1/rules lists them");
    }
}
