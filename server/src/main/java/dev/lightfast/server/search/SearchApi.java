package dev.lightfast.server.search;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/search}: hybrid search over the tenant's events, each hit cited. */
public final class SearchApi {
    private static final int DEFAULT_LIMIT = 10;

    private final Search search;
    private final SearchIndex index;
    private final HitEntities entities;

    public SearchApi(Search search, SearchIndex index, HitEntities entities) {
        this.search = search;
        this.index = index;
        this.entities = entities;
    }

    /** The answer: the hits, the mode used, and how far into the log the index had read. */
    public record Results(String query, String mode, long indexedSeq, List<Hit> hits) {}

    /**
     * A search hit as the index found it, with who acted ({@code actor}) and what it is about
     * ({@code about}: its subjects in order, the same entities {@code subjects} names by key), each
     * with id, kind and label, as answer evidence names them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(
            String eventId,
            long seq,
            String source,
            String type,
            String title,
            String snippet,
            Instant occurredAt,
            String url,
            double score,
            Integer keywordRank,
            Integer vectorRank,
            List<String> subjects,
            List<Citation> citations,
            Answer.Ref actor,
            List<Answer.Ref> about) {

        static Hit of(SearchHit h, HitEntities.Named named) {
            return new Hit(
                    h.eventId(),
                    h.seq(),
                    h.source(),
                    h.type(),
                    h.title(),
                    h.snippet(),
                    h.occurredAt(),
                    h.url(),
                    h.score(),
                    h.keywordRank(),
                    h.vectorRank(),
                    h.subjects(),
                    h.citations(),
                    named.actor(),
                    named.about());
        }
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/search")
                        .tag("search")
                        .auth(Auth.TENANT)
                        .summary("Search events by meaning and by words; every hit cites its event")
                        .requiredQuery(
                                "q",
                                "what to look for, in plain words, identifiers (a SHA prefix, #12) or both",
                                string(),
                                "README")
                        .query(
                                "limit",
                                "hits to return, 1-" + SearchQuery.MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")",
                                integer(1, SearchQuery.MAX_LIMIT))
                        .query(
                                "mode",
                                "hybrid (default), keyword (BM25 only) or vector (meaning only)",
                                Map.of("type", "string", "enum", List.of("hybrid", "keyword", "vector")))
                        .query("source", "only events from this source (github, linear, ...)", string())
                        .query("type", "an exact event type, or a prefix ending in .*", string())
                        .query(
                                "actor",
                                "only events by this person (entity id or key such as github:octocat)",
                                string())
                        .query("entity", "only events about this entity (entity id or key)", string())
                        .query("from", "occurredAt at or after this ISO-8601 instant", string("date-time"))
                        .query("to", "occurredAt before this ISO-8601 instant", string("date-time"))
                        .query("asOf", "only what was known at this seq", string())
                        .response(200, "ranked hits", ref("SearchResults"))
                        .response(400, "a missing q or a bad filter", ref("Error"))
                        .build(),
                this::search);
    }

    private void search(Context ctx, TenantId tenant) {
        String q = QueryParams.text(ctx, "q");
        if (q == null) {
            throw ApiError.badRequest("q is required: the words or identifiers to search for");
        }
        AsOf asOf = AsOf.parse(QueryParams.text(ctx, "asOf"));
        if (asOf.time() != null) {
            throw ApiError.badRequest("search asOf takes a seq; use 'to' to bound occurredAt by time");
        }
        var query = new SearchQuery(
                q,
                QueryParams.bounded(ctx, "limit", DEFAULT_LIMIT, 1, SearchQuery.MAX_LIMIT),
                SearchMode.parse(QueryParams.text(ctx, "mode")),
                QueryParams.text(ctx, "source"),
                QueryParams.text(ctx, "type"),
                QueryParams.text(ctx, "actor"),
                QueryParams.text(ctx, "entity"),
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"),
                asOf.seq());
        long indexed = index.checkpoint(tenant);
        List<SearchHit> found = search.search(tenant, query);
        List<HitEntities.Named> named = entities.of(tenant, found);
        List<Hit> hits = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            hits.add(Hit.of(found.get(i), named.get(i)));
        }
        ctx.json(new Results(q, query.mode().name().toLowerCase(java.util.Locale.ROOT), indexed, hits));
    }
}
