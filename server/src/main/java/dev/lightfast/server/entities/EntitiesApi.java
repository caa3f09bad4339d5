package dev.lightfast.server.entities;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityHistory;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Neighbourhood;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RankCursor;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The graph read by entity: the entity, its neighbourhood and its history, each as of a point. */
public final class EntitiesApi {
    private static final int DEFAULT_TIMELINE = 50;
    private static final int MAX_TIMELINE = EntityHistory.MAX_LIMIT;
    private static final String AS_OF = "a seq (what we knew then) or an ISO-8601 instant (what was true then)";

    private final GraphStore graph;
    private final Neighbourhood neighbourhood;
    private final EntityHistory history;

    public EntitiesApi(GraphStore graph, EventLog log) {
        this.graph = graph;
        this.neighbourhood = new Neighbourhood(graph);
        this.history = new EntityHistory(graph, log);
    }

    /** A page of matches; {@code nextCursor} is absent on the last page. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Found(List<Entity> entities, String nextCursor) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/entities")
                        .tag("entities")
                        .auth(Auth.TENANT)
                        .summary(
                                "Find entities by name or key (a login, a repository, a PR like octo/repo#12), most recently "
                                        + "seen first, with a cursor")
                        .query(
                                "q",
                                "text contained in the name or key (required unless key is given)",
                                string(),
                                "hello")
                        .query("key", "an exact natural key such as github:octo/repo/pull/12", string())
                        .query("kind", "person, repository, pull_request, commit, issue, deployment, ...", string())
                        .query("limit", "1-100 (default 20)", integer(1, 100))
                        .query("cursor", "the previous page's nextCursor", string())
                        .response(200, "matching entities", ref("EntityList"))
                        .build(),
                this::find);
        routes.tenant(
                RouteSpec.of("GET", "/v1/entities/{id}")
                        .tag("entities")
                        .auth(Auth.TENANT)
                        .summary("One entity: attributes, aliases and recent citing events, as of a point")
                        .query("asOf", AS_OF, string())
                        .response(200, "the entity", ref("Entity"))
                        .response(404, "no such entity (or not yet known at asOf)", ref("Error"))
                        .build(),
                this::get);
        routes.tenant(
                RouteSpec.of("GET", "/v1/entities/{id}/related")
                        .tag("entities")
                        .auth(Auth.TENANT)
                        .summary("The entity's graph neighbourhood to a depth, every edge cited")
                        .query(
                                "depth",
                                "1-" + Neighbourhood.MAX_DEPTH
                                        + " (default 1); people, repositories and other hubs are reached but not walked through",
                                integer(1, Neighbourhood.MAX_DEPTH))
                        .query("type", "only these relation types, comma-separated (e.g. reviewed,fixes)", string())
                        .query("asOf", AS_OF, string())
                        .response(200, "entities and the relations between them", ref("Related"))
                        .response(404, "no such entity", ref("Error"))
                        .build(),
                this::related);
        routes.tenant(
                RouteSpec.of("GET", "/v1/entities/{id}/timeline")
                        .tag("entities")
                        .auth(Auth.TENANT)
                        .summary("The events about the entity in causal order, with a cursor")
                        .query(
                                "after",
                                "only events with a greater seq (the previous page's nextAfter)",
                                integer(0, Long.MAX_VALUE))
                        .query(
                                "limit",
                                "1-" + MAX_TIMELINE + " (default " + DEFAULT_TIMELINE + ")",
                                integer(1, MAX_TIMELINE))
                        .query("asOf", AS_OF, string())
                        .response(200, "a page of the entity's events", ref("Timeline"))
                        .response(404, "no such entity", ref("Error"))
                        .build(),
                this::timeline);
    }

    private void find(Context ctx, TenantId tenant) {
        String key = QueryParams.text(ctx, "key");
        String kind = QueryParams.text(ctx, "kind");
        int limit = QueryParams.bounded(ctx, "limit", 20, 1, 100);
        if (key != null) {
            if (kind == null) {
                throw ApiError.badRequest("key needs kind too (an entity is a kind and a key): e.g. kind=pull_request");
            }
            ctx.json(new Found(
                    graph.entity(tenant, EntityIds.of(kind, key), AsOf.NOW).stream()
                            .toList(),
                    null));
            return;
        }
        String q = QueryParams.text(ctx, "q");
        if (q == null) {
            throw ApiError.badRequest("give q (text in the name or key) or kind and key");
        }
        // Matches are ranked by recency, not keyed, so the cursor is a position in that ranking; it is
        // opaque to clients and bounded so that a deep page cannot cost the whole table.
        int offset = RankCursor.decode(QueryParams.text(ctx, "cursor"));
        if (offset + limit > RankCursor.MAX_DEPTH) {
            throw ApiError.badRequest("pages go " + RankCursor.MAX_DEPTH + " matches deep; narrow q or kind instead");
        }
        var found = graph.find(tenant, q, kind, offset + limit + 1);
        var page = found.subList(Math.min(offset, found.size()), Math.min(offset + limit, found.size()));
        ctx.json(new Found(page, found.size() > offset + limit ? RankCursor.encode(offset + limit) : null));
    }

    private void get(Context ctx, TenantId tenant) {
        ctx.json(entity(ctx, tenant, asOf(ctx)));
    }

    private void related(Context ctx, TenantId tenant) {
        AsOf asOf = asOf(ctx);
        Entity entity = entity(ctx, tenant, asOf);
        int depth = QueryParams.bounded(ctx, "depth", 1, 1, Neighbourhood.MAX_DEPTH);
        Set<String> types = new LinkedHashSet<>();
        String typeParam = QueryParams.text(ctx, "type");
        if (typeParam != null) {
            for (String t : typeParam.split(",")) {
                if (!t.isBlank()) {
                    types.add(t.strip());
                }
            }
        }
        ctx.json(neighbourhood.around(tenant, entity, depth, types, asOf));
    }

    private void timeline(Context ctx, TenantId tenant) {
        AsOf asOf = asOf(ctx);
        Entity entity = entity(ctx, tenant, asOf);
        long after = QueryParams.whole(ctx, "after", 0);
        int limit = QueryParams.bounded(ctx, "limit", DEFAULT_TIMELINE, 1, MAX_TIMELINE);
        ctx.json(history.page(tenant, entity, asOf, after, limit));
    }

    private Entity entity(Context ctx, TenantId tenant, AsOf asOf) {
        String id = ctx.pathParam("id");
        return graph.entity(tenant, id, asOf)
                .orElseThrow(() -> ApiError.notFound(
                        asOf.isNow()
                                ? "no entity '" + id + "' in this tenant; find ids with GET /v1/entities?q="
                                : "entity '" + id + "' was not yet known at asOf"));
    }

    private static AsOf asOf(Context ctx) {
        return AsOf.parse(QueryParams.text(ctx, "asOf"));
    }
}
