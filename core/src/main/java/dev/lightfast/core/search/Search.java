package dev.lightfast.core.search;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/** Runs a search: embeds the query text when the mode needs meaning, then asks the index. */
public final class Search {
    private final SearchIndex index;
    private final Embedder embedder;

    public Search(SearchIndex index, Embedder embedder) {
        this.index = index;
        this.embedder = embedder;
    }

    public List<SearchHit> search(TenantId tenant, SearchQuery query) {
        float[] vector = query.mode() == SearchMode.KEYWORD ? null : embedder.embedQuery(query.text());
        return index.search(tenant, query, vector);
    }
}
