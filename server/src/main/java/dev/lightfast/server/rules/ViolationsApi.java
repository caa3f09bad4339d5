package dev.lightfast.server.rules;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.Violation;
import dev.lightfast.core.rule.ViolationPage;
import dev.lightfast.core.rule.ViolationQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/violations}: what the rules have found, newest verdict first, each citing the event
 * that broke the rule, what the rule looked at (or the window it searched in vain), the rule
 * version that judged, and the event that resolved it.
 */
public final class ViolationsApi {
    static final int DEFAULT_LIMIT = 50;
    private static final String CURSOR = "violation:";

    private final RuleStore store;

    public ViolationsApi(RuleStore store) {
        this.store = store;
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/violations")
                        .tag("rules")
                        .auth(Auth.TENANT)
                        .summary("Violations of the tenant's rules, newest first, each cited; page with cursor")
                        .query("rule", "only this rule's (its id)", Map.of("type", "string"))
                        .query(
                                "status",
                                "open or resolved; both when absent",
                                Map.of("type", "string", "enum", List.of("open", "resolved")),
                                "open")
                        .query("entity", "only those about this entity (its id)", Map.of("type", "string"))
                        .query(
                                "from",
                                "only those whose triggering event happened at or after",
                                Map.of("type", "string", "format", "date-time"))
                        .query(
                                "to",
                                "only those whose triggering event happened before",
                                Map.of("type", "string", "format", "date-time"))
                        .query("cursor", "a page's nextCursor, to continue", Map.of("type", "string"))
                        .query(
                                "limit",
                                "page size",
                                Map.of("type", "integer", "minimum", 1, "maximum", ViolationQuery.MAX_LIMIT),
                                "20")
                        .response(200, "a page of violations", ref("ViolationList"))
                        .response(400, "a bad filter or cursor", ref("Error"))
                        .build(),
                this::list);
    }

    private void list(Context ctx, TenantId tenant) {
        String status = QueryParams.text(ctx, "status");
        Violation.Status s = null;
        if (status != null) {
            if (!status.equals("open") && !status.equals("resolved")) {
                throw ApiError.badRequest("status must be open or resolved; got '" + status + "'");
            }
            s = Violation.Status.of(status);
        }
        var query = new ViolationQuery(
                QueryParams.text(ctx, "rule"),
                s,
                QueryParams.text(ctx, "entity"),
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"),
                decode(QueryParams.text(ctx, "cursor")),
                QueryParams.bounded(ctx, "limit", DEFAULT_LIMIT, 1, ViolationQuery.MAX_LIMIT));
        ctx.json(page(store.violations(tenant, query)));
    }

    static Map<String, Object> page(ViolationPage page) {
        var out = new LinkedHashMap<String, Object>();
        out.put("violations", page.violations());
        if (page.next() != null) {
            out.put("nextCursor", encode(page.next()));
        }
        return out;
    }

    public static String encode(ViolationQuery.Position p) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR + p.openedSeq() + ":" + p.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; null for none. */
    public static ViolationQuery.Position decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(CURSOR)) {
                String[] parts = s.substring(CURSOR.length()).split(":", 2);
                if (parts.length == 2 && parts[1].startsWith("vio_")) {
                    return new ViolationQuery.Position(Long.parseLong(parts[0]), parts[1]);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw ApiError.badRequest("cursor is not one this API gave out; pass a page's nextCursor unchanged");
    }
}
