package dev.lightfast.store.copy;

import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.progress.ProgressReport;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.postgres.PostgresImport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Moves an installation into PostgreSQL, tenant by tenant, losing nothing: ids, seq and bytes stay
 * as they are, and each tenant is committed only once its copy matches the source (counts and a
 * hash over every record). It never overwrites: when PostgreSQL already holds a tenant with other
 * data, nothing at all is copied. A tenant already copied identically (an earlier run) is left as
 * it is, so a run that was interrupted can simply be run again.
 */
public final class StoreMigration {

    /** What happened to one tenant. */
    public enum Outcome {
        COPIED,
        ALREADY_COPIED,
        REFUSED
    }

    /** One tenant's outcome, with its source digest and, unless refused, the target's. */
    public record TenantMigrated(TenantId tenant, Outcome outcome, TenantDigest source, TenantDigest target) {}

    private final TenantRecords source;
    private final PostgresImport target;

    public StoreMigration(TenantRecords source, PostgresImport target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Copies every tenant of the source; {@code progress} hears of each as it is done.
     *
     * @return every tenant's outcome; if any was refused, none was copied
     */
    public List<TenantMigrated> run(Consumer<TenantMigrated> progress) {
        return run(progress, ProgressReport.SILENT);
    }

    /** As {@link #run(Consumer)}, telling {@code report} how far each tenant's copy is, record by record. */
    public List<TenantMigrated> run(Consumer<TenantMigrated> progress, ProgressReport report) {
        var plan = new ArrayList<TenantMigrated>();
        var pending = new ArrayList<TenantDigest>();
        for (var tenant : source.tenantIds()) {
            var digest = TenantDigest.of(source, tenant);
            if (!target.holds(tenant)) {
                pending.add(digest);
                continue;
            }
            var there = TenantDigest.of(target.records(), tenant);
            plan.add(new TenantMigrated(
                    tenant, there.equals(digest) ? Outcome.ALREADY_COPIED : Outcome.REFUSED, digest, there));
        }
        plan.forEach(progress);
        if (plan.stream().anyMatch(m -> m.outcome() == Outcome.REFUSED)) {
            return plan;
        }
        for (var digest : pending) {
            var counter =
                    new Progress("copy " + digest.tenant().value(), "records", digest.deliveries() + digest.events());
            var copied = target.copy(new CountedRecords(source, counter, report), digest.tenant(), digest);
            report.finish(counter);
            var done = new TenantMigrated(digest.tenant(), Outcome.COPIED, digest, copied);
            progress.accept(done);
            plan.add(done);
        }
        return plan;
    }
}
