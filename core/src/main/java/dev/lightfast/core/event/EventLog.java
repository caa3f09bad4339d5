package dev.lightfast.core.event;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The append-only log of facts, one causal order ({@code seq}) per tenant.
 *
 * <p>There is deliberately no way to change or remove an event. Every method is scoped by tenant:
 * no call can see another tenant's rows.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends deliveries with their events. Each delivery is atomic: it and all its events are
     * stored, or nothing is. On return everything reported is durable. A delivery whose {@code
     * (source, deliveryKey)} was already stored is not stored again; its first outcome is returned
     * with {@code duplicate = true}.
     *
     * @return one outcome per delivery, in the same order
     */
    List<Appended> append(TenantId tenant, List<IncomingDelivery> deliveries);

    default Appended append(TenantId tenant, IncomingDelivery delivery) {
        return append(tenant, List.of(delivery)).getFirst();
    }

    EventPage read(TenantId tenant, EventQuery query);

    Optional<Event> find(TenantId tenant, String eventId);

    Optional<RawDelivery> findRaw(TenantId tenant, String deliveryId);

    /** The highest {@code seq} given so far, 0 for an empty log. */
    long lastSeq(TenantId tenant);

    @Override
    void close();
}
