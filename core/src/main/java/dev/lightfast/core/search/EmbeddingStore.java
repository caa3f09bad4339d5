package dev.lightfast.core.search;

import dev.lightfast.core.tenant.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Event vectors kept in the shared database, so that several servers following one log run the
 * model once per event between them, and a server that joins later reads the vectors instead of
 * computing them again. A vector is keyed by tenant, the embedder's {@linkplain Embedder#name()
 * name} and the event's seq: events never change, so a stored vector stays right for as long as
 * the model does.
 */
public interface EmbeddingStore {

    /** The stored vectors among {@code seqs}, by seq. */
    Map<Long, float[]> find(TenantId tenant, String model, Collection<Long> seqs);

    /**
     * Takes the tenant's embedding lease, computes with {@code compute} the vectors of those of
     * {@code seqs} that are still missing once it holds the lease, and stores them. Answers every
     * vector of {@code seqs}, or empty when another server holds the lease (it is computing them).
     *
     * @param compute given the missing seqs in order, answers their vectors in that order
     */
    Optional<Map<Long, float[]>> computeMissing(
            TenantId tenant, String model, List<Long> seqs, Function<List<Long>, List<float[]>> compute);
}
