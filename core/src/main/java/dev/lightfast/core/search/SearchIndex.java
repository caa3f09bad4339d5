package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * The derived full-text and vector index of every tenant's events. Every call is scoped by tenant;
 * no query can return another tenant's document.
 */
public interface SearchIndex extends AutoCloseable {

    /** An event with its embedding, ready to index. */
    record Indexed(Event event, float[] vector) {}

    /**
     * Indexes events of one tenant (in {@code seq} order); events already written are skipped. They
     * become visible to searches, and count in the checkpoint, at the next {@link #refresh}.
     */
    void index(TenantId tenant, List<Indexed> batch);

    /** The last {@code seq} of the tenant that searches can see. */
    long checkpoint(TenantId tenant);

    /** The last {@code seq} of the tenant indexed, whether searches can see it yet or not. */
    long written(TenantId tenant);

    /** Makes everything indexed so far visible to searches, and the checkpoint with it. */
    void refresh();

    /**
     * Runs the query; {@code queryVector} is required for vector and hybrid modes and ignored for
     * keyword mode.
     */
    List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector);

    void reset(TenantId tenant);

    @Override
    void close();
}
