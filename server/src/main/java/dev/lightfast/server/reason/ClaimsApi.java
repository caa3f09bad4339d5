package dev.lightfast.server.reason;

import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.Conflict;
import dev.lightfast.core.claim.ConflictQuery;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.reason.truth.Statements;
import dev.lightfast.reason.truth.Truth;
import dev.lightfast.reason.truth.Truths;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Truth across the tools: {@code POST /v1/claims} (an operator states what is true, kept as an
 * event), {@code GET /v1/truth/{id}} (the value of each attribute by its policy, with the winning
 * and every losing claim, each cited, and a sentence of rationale, as of any point) and {@code GET
 * /v1/conflicts} (entities whose current claims disagree, newest first, each with the policy's
 * verdict).
 */
public final class ClaimsApi {
    static final String AS_OF = "a seq (what we knew then) or an ISO-8601 instant (what was believed true then)";
    private static final String CURSOR = "conflict:";
    private static final int DEFAULT_LIMIT = 50;

    private final Truths truths;
    private final Statements statements;
    private final ClaimStore claims;
    private final GraphStore graph;

    public ClaimsApi(Truths truths, Statements statements, ClaimStore claims, GraphStore graph) {
        this.truths = truths;
        this.statements = statements;
        this.claims = claims;
        this.graph = graph;
    }

    /** An operator's statement: the entity by id, or by kind and key; the attribute and its value. */
    record StatementBody(
            String entity,
            String kind,
            String key,
            String attribute,
            String value,
            String note,
            String by,
            Instant validFrom,
            String idempotencyKey) {}

    record Stated(String entityId, String attribute, String value, String eventId, long seq, boolean duplicate) {}

    /** The truths of one entity as of a reading point. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TruthList(Answer.Ref entity, String asOf, List<Truth> truths) {}

    /** A conflict with what the policy makes of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConflictView(
            Answer.Ref entity,
            String attribute,
            long openedSeq,
            Instant since,
            Long closedSeq,
            Instant closedAt,
            List<Claim> claims,
            Truth verdict) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConflictList(List<ConflictView> conflicts, String nextCursor) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("POST", "/v1/claims")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary(
                                "State what is true of an entity's attribute, over what the tools say; kept as a cited event")
                        .request(
                                ref("NewClaim"),
                                Map.of(
                                        "kind",
                                        "pull_request",
                                        "key",
                                        "github:octo/hello-world/pull/1",
                                        "attribute",
                                        "state",
                                        "value",
                                        "done",
                                        "note",
                                        "merged by hand on the release branch",
                                        "by",
                                        "the release manager"))
                        .response(201, "recorded; truth reads it once the claims projection has", ref("ClaimStated"))
                        .response(200, "already recorded under that idempotencyKey", ref("ClaimStated"))
                        .response(400, "no entity, an unknown attribute or a value it does not take", ref("Error"))
                        .response(404, "no entity with that id", ref("Error"))
                        .build(),
                this::state);
        routes.tenant(
                RouteSpec.of("GET", "/v1/truth/{id}")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary(
                                "What is true of an entity: per attribute, the value by its policy, the winning and every"
                                        + " losing claim, each cited, and one sentence of rationale")
                        .query(
                                "attribute",
                                "only this attribute: " + String.join(", ", attributes()),
                                Map.of("type", "string", "enum", attributes()))
                        .query("asOf", AS_OF, string())
                        .response(200, "the entity's truths", ref("TruthList"))
                        .response(400, "an unknown attribute or a bad asOf", ref("Error"))
                        .response(404, "no entity with that id", ref("Error"))
                        .build(),
                this::truth);
        routes.tenant(
                RouteSpec.of("GET", "/v1/conflicts")
                        .tag("reason")
                        .auth(Auth.TENANT)
                        .summary("Entities whose current claims disagree, newest first, each with the policy's verdict;"
                                + " page with cursor")
                        .query(
                                "attribute",
                                "only conflicts about this attribute",
                                Map.of("type", "string", "enum", attributes()))
                        .query("entity", "only conflicts about this entity (its id)", string())
                        .query("asOf", AS_OF + ": the conflicts open then", string())
                        .query("cursor", "a page's nextCursor, to continue", string())
                        .query(
                                "limit",
                                "page size",
                                Map.of("type", "integer", "minimum", 1, "maximum", ConflictQuery.MAX_LIMIT),
                                "20")
                        .response(200, "a page of conflicts", ref("ConflictList"))
                        .response(400, "a bad filter or cursor", ref("Error"))
                        .build(),
                this::conflicts);
    }

    static List<String> attributes() {
        return java.util.Arrays.stream(ClaimAttribute.values())
                .map(ClaimAttribute::wire)
                .toList();
    }

    private void state(Context ctx, TenantId tenant) {
        byte[] raw = RequestBodies.bytes(ctx, RequestBodies.MAX_API_BODY);
        if (raw.length == 0) {
            throw ApiError.badRequest(
                    "this call needs a JSON body such as {\"entity\":\"ent_...\",\"attribute\":\"state\","
                            + "\"value\":\"done\",\"note\":\"why\"}");
        }
        StatementBody body = RequestBodies.parse(raw, StatementBody.class);
        ClaimAttribute attribute = ClaimAttribute.parse(body.attribute());
        EntityRef entity = entity(tenant, body);
        EntityRef by = body.by() == null || body.by().isBlank()
                ? null
                : EntityRef.of(
                        "person", "operator:" + body.by().strip(), body.by().strip());
        if (body.note() != null && body.note().length() > 10_000) {
            throw ApiError.badRequest("note is longer than 10000 characters");
        }
        var appended = statements.state(
                tenant, entity, attribute, body.value(), body.note(), body.validFrom(), by, body.idempotencyKey(), raw);
        var e = appended.events().getFirst();
        ctx.status(appended.duplicate() ? 200 : 201)
                .json(new Stated(
                        EntityIds.of(entity),
                        attribute.wire(),
                        String.valueOf(e.attributes().get("value")),
                        e.id(),
                        e.seq(),
                        appended.duplicate()));
    }

    /** The entity a statement is about: an id the graph or the claims know, or a kind and key. */
    private EntityRef entity(TenantId tenant, StatementBody body) {
        if (body.entity() != null && !body.entity().isBlank()) {
            String id = body.entity().strip();
            var known = graph.entity(tenant, id, AsOf.NOW)
                    .map(e -> EntityRef.of(e.kind(), e.key(), e.name()))
                    .or(() -> claims.entity(tenant, id));
            return known.orElseThrow(() -> ApiError.notFound(
                    "no entity '" + id + "' in this tenant; find ids with GET /v1/entities?q=, or give kind and key"));
        }
        if (body.kind() == null || body.key() == null || body.key().isBlank()) {
            throw ApiError.badRequest("name the entity: \"entity\": an id (ent_...), or \"kind\" and \"key\" such as"
                    + " {\"kind\":\"issue\",\"key\":\"linear:ENG-123\"}");
        }
        String id = EntityIds.of(body.kind(), body.key().strip());
        return graph.entity(tenant, id, AsOf.NOW)
                .map(e -> EntityRef.of(e.kind(), e.key(), e.name()))
                .orElseGet(() ->
                        EntityRef.of(body.kind(), body.key().strip(), body.key().strip()));
    }

    private void truth(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        AsOf asOf = AsOf.parse(QueryParams.text(ctx, "asOf"));
        String a = QueryParams.text(ctx, "attribute");
        ClaimAttribute attribute = a == null ? null : ClaimAttribute.parse(a);
        Answer.Ref entity = entityRef(tenant, id);
        ctx.json(new TruthList(entity, asOfText(asOf), truths.of(tenant, id, attribute, asOf)));
    }

    private Answer.Ref entityRef(TenantId tenant, String id) {
        return graph.entity(tenant, id, AsOf.NOW)
                .map(e -> new Answer.Ref(e.id(), e.kind(), e.name()))
                .or(() -> claims.entity(tenant, id)
                        .map(r -> new Answer.Ref(id, r.kind(), r.label() != null ? r.label() : r.key())))
                .orElseThrow(
                        () -> ApiError.notFound(
                                "no entity '" + id
                                        + "' in this tenant; find ids with GET /v1/entities?q= (services are ent_ ids of service:<name>)"));
    }

    private void conflicts(Context ctx, TenantId tenant) {
        AsOf asOf = AsOf.parse(QueryParams.text(ctx, "asOf"));
        String a = QueryParams.text(ctx, "attribute");
        var query = new ConflictQuery(
                QueryParams.text(ctx, "entity"),
                a == null ? null : ClaimAttribute.parse(a).wire(),
                asOf,
                decode(QueryParams.text(ctx, "cursor")),
                QueryParams.bounded(ctx, "limit", DEFAULT_LIMIT, 1, ConflictQuery.MAX_LIMIT));
        var page = claims.conflicts(tenant, query);
        List<ConflictView> out = new ArrayList<>();
        for (Conflict c : page.conflicts()) {
            // The verdict as of when the question is asked about: now, or the reading point.
            Truth verdict = truths.of(tenant, c.entityId(), ClaimAttribute.parse(c.attribute()), asOf).stream()
                    .findFirst()
                    .orElse(null);
            out.add(new ConflictView(
                    new Answer.Ref(
                            c.entityId(),
                            c.entity().kind(),
                            c.entity().label() != null
                                    ? c.entity().label()
                                    : c.entity().key()),
                    c.attribute(),
                    c.openedSeq(),
                    c.openedAt(),
                    c.closedSeq(),
                    c.closedAt(),
                    c.claims(),
                    verdict));
        }
        ctx.json(new ConflictList(out, page.next() == null ? null : encode(page.next())));
    }

    private static String asOfText(AsOf asOf) {
        return asOf.seq() != null
                ? asOf.seq().toString()
                : asOf.time() != null ? asOf.time().toString() : null;
    }

    static String encode(ConflictQuery.Position p) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR + p.openedSeq() + ":" + p.entityId() + ":" + p.attribute())
                        .getBytes(StandardCharsets.UTF_8));
    }

    static ConflictQuery.Position decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(CURSOR)) {
                String[] parts = s.substring(CURSOR.length()).split(":", 3);
                if (parts.length == 3 && parts[1].startsWith("ent_")) {
                    return new ConflictQuery.Position(Long.parseLong(parts[0]), parts[1], parts[2]);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw ApiError.badRequest("cursor is not one this API gave out; pass a page's nextCursor unchanged");
    }
}
