package dev.lightfast.store.copy;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.tenant.StoredApiKey;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Everything a store holds for one tenant, read in a fixed order so two stores can be compared
 * record by record: what copying a store reads from one and checks against the other. Unlike the
 * ports, it reaches what no API call lists (API key hashes, raw deliveries).
 */
public interface TenantRecords {

    /** Receives records one at a time, so a tenant's log never has to fit in memory. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(T record) throws SQLException;
    }

    /** Every tenant with any data, by id: those in the directory and any the log names. */
    List<TenantId> tenantIds();

    Optional<Tenant> tenant(TenantId id);

    /** By key id. */
    List<StoredApiKey> apiKeys(TenantId tenant);

    /** By id. */
    List<Connection> connections(TenantId tenant);

    /** By id. */
    void deliveries(TenantId tenant, Sink<RawDelivery> sink);

    /** By seq. */
    void events(TenantId tenant, Sink<Event> sink);
}
