package dev.lightfast.store.copy;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.progress.Progress;
import dev.lightfast.core.progress.ProgressReport;
import dev.lightfast.core.tenant.StoredApiKey;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Records read through to a copy, each delivery and event counted on the way. */
final class CountedRecords implements TenantRecords {
    private final TenantRecords source;
    private final Progress progress;
    private final ProgressReport report;

    CountedRecords(TenantRecords source, Progress progress, ProgressReport report) {
        this.source = source;
        this.progress = progress;
        this.report = report;
    }

    @Override
    public List<TenantId> tenantIds() {
        return source.tenantIds();
    }

    @Override
    public Optional<Tenant> tenant(TenantId id) {
        return source.tenant(id);
    }

    @Override
    public List<StoredApiKey> apiKeys(TenantId tenant) {
        return source.apiKeys(tenant);
    }

    @Override
    public List<Connection> connections(TenantId tenant) {
        return source.connections(tenant);
    }

    @Override
    public void deliveries(TenantId tenant, Sink<RawDelivery> sink) {
        source.deliveries(tenant, counted(sink));
    }

    @Override
    public void events(TenantId tenant, Sink<Event> sink) {
        source.events(tenant, counted(sink));
    }

    private <T> Sink<T> counted(Sink<T> sink) {
        return record -> {
            sink.accept(record);
            progress.advance(1);
            report.update(progress);
        };
    }
}
