package dev.lightfast.core.backfill;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Storage port for backfill jobs, scoped by tenant like every store. */
public interface BackfillStore {

    /**
     * Stores a new running job.
     *
     * @throws dev.lightfast.core.StateConflict when the connection has a running job already
     */
    BackfillJob create(BackfillJob job);

    /** Replaces the stored job of the same id (progress, cursor, state). */
    void save(BackfillJob job);

    Optional<BackfillJob> find(TenantId tenant, String jobId);

    /** The connection's newest job. */
    Optional<BackfillJob> latest(TenantId tenant, String connectionId);

    /** The tenant's running jobs, to resume after a restart. */
    List<BackfillJob> running(TenantId tenant);
}
