package dev.lightfast.core.pattern;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * What the patterns projection has noted in each tenant's log ({@link Observation}s) and how far it
 * has read. Derived state like the graph: {@link #reset} and a replay of the log note the same again.
 * Every method is scoped by tenant.
 */
public interface PatternStore {

    /** Where reading stands: the last seq read (0 for none) and the log's time there (null for none). */
    record Checkpoint(long seq, Instant logTime) {
        public static final Checkpoint START = new Checkpoint(0, null);
    }

    Checkpoint checkpoint(TenantId tenant);

    /**
     * Writes a batch's observations and moves the checkpoint, in one transaction, if the checkpoint is
     * still {@code delta.fromSeq()}; answers false and writes nothing otherwise (another server read
     * the batch first).
     */
    boolean apply(TenantId tenant, PatternDelta delta);

    /** Every observation of one pattern (or, null, all), in the order of their time. */
    List<Observation> observations(TenantId tenant, String pattern);

    /**
     * The observations of one pattern in one service whose time falls in {@code [from, to)}, in the
     * order of their time; {@code area} null for every service.
     */
    List<Observation> observations(TenantId tenant, String pattern, String area, Instant from, Instant to);

    /** Forgets everything noted for the tenant, so the next catch-up reads from seq 1. */
    void reset(TenantId tenant);
}
