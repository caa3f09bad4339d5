package dev.lightfast.core.coverage;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/** Storage port: what each of a tenant's connections has delivered, read from the stored deliveries. */
public interface ConnectionActivity {

    /**
     * One connection's deliveries.
     *
     * @param lastDeliveryId the newest stored delivery (webhook or backfill page), null when none
     * @param deliveries every delivery stored through the connection
     * @param eventsPerDay events derived from its deliveries in the window, by the UTC day they
     *     occurred on; days without events are absent
     */
    record Activity(
            String connectionId,
            String lastDeliveryId,
            Instant lastDeliveryAt,
            String lastEventName,
            long deliveries,
            SortedMap<LocalDate, Long> eventsPerDay) {}

    /**
     * Every connection of the tenant that has stored a delivery, with its events that occurred in
     * {@code [from, to)}.
     */
    List<Activity> activity(TenantId tenant, Instant from, Instant to);
}
