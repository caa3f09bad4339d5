package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vectors shared through the database: read what is stored; what is missing, the server holding
 * the tenant's embedding lease computes and stores, and the others wait for it rather than run the
 * model on the same events.
 */
public final class SharedVectors implements EventVectors {
    private final EmbeddingStore store;
    private final Embedder embedder;
    /** The model and the text it is given: a change to either must not reuse the other's vectors. */
    private final String model;

    public SharedVectors(EmbeddingStore store, Embedder embedder) {
        this.store = store;
        this.embedder = embedder;
        this.model = embedder.name() + "|" + SearchProjection.EMBEDDED_TEXT;
    }

    @Override
    public Optional<List<float[]>> of(TenantId tenant, List<Event> events, List<String> texts) {
        return of(tenant, model, events, texts);
    }

    @Override
    public Optional<List<float[]>> ofAnswered(TenantId tenant, List<Event> events, List<String> texts) {
        return of(tenant, model + "|answered", events, texts);
    }

    private Optional<List<float[]>> of(TenantId tenant, String model, List<Event> events, List<String> texts) {
        var bySeq = new HashMap<Long, String>();
        for (int i = 0; i < events.size(); i++) {
            bySeq.put(events.get(i).seq(), texts.get(i));
        }
        Map<Long, float[]> vectors = store.find(tenant, model, bySeq.keySet());
        if (vectors.size() < bySeq.size()) {
            var computed = store.computeMissing(
                    tenant,
                    model,
                    events.stream().map(Event::seq).toList(),
                    missing ->
                            embedder.embedAll(missing.stream().map(bySeq::get).toList()));
            if (computed.isEmpty()) {
                return Optional.empty();
            }
            vectors = computed.get();
        }
        var ordered = new ArrayList<float[]>(events.size());
        for (Event e : events) {
            float[] v = vectors.get(e.seq());
            if (v == null) {
                throw new IllegalStateException("no vector stored for seq " + e.seq() + " of " + tenant);
            }
            ordered.add(v);
        }
        return Optional.of(ordered);
    }
}
