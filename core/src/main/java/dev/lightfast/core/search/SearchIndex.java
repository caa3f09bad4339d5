package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * The derived full-text and vector index of every tenant's events. Every call is scoped by tenant;
 * no query can return another tenant's document.
 */
public interface SearchIndex extends AutoCloseable {

    /**
     * An event with its embedding, ready to index, and its context: the text of the events it
     * follows from (the message it answers), searchable with it.
     */
    record Indexed(Event event, float[] vector, String context) {
        public Indexed(Event event, float[] vector) {
            this(event, vector, null);
        }
    }

    /**
     * Indexes events of one tenant (in {@code seq} order); events already written are skipped. They
     * become visible to searches, and count in the checkpoint, at the next {@link #refresh}.
     */
    default void index(TenantId tenant, List<Indexed> batch) {
        index(tenant, batch, List.of());
    }

    /**
     * Indexes {@code batch} as {@link #index(TenantId, List)} does and, in the same durable step,
     * replaces the documents of events already indexed by {@code replacements} (a message indexed
     * again with its first reply). Replacements of events not indexed are ignored.
     */
    void index(TenantId tenant, List<Indexed> batch, List<Indexed> replacements);

    /** Whether a search can see an event that names {@code eventId} among its causes. */
    boolean answered(TenantId tenant, String eventId);

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
