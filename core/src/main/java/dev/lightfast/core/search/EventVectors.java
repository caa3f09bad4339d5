package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Where the search projection gets the vector of each event it indexes. */
public interface EventVectors {

    /**
     * One vector per event, in the same order, {@code texts} being what each stands for (made by
     * {@link SearchProjection#embeddedText}, from the log alone, so the same for every server); empty
     * when they are not to be had yet (another server is computing them right now), in which case
     * the caller tries again shortly.
     */
    Optional<List<float[]>> of(TenantId tenant, List<Event> events, List<String> texts);

    /**
     * As {@link #of}, for messages indexed again with their first reply in {@code texts}: their
     * vectors stand for other text than the ones first made for the same events, so a store keeps
     * them apart.
     */
    default Optional<List<float[]>> ofAnswered(TenantId tenant, List<Event> events, List<String> texts) {
        return of(tenant, events, texts);
    }

    /** Runs the model here, for every event: the embedded store, where one process does it all. */
    static EventVectors embeddedBy(Embedder embedder) {
        return (tenant, events, texts) -> Optional.of(embedder.embedAll(texts));
    }
}
