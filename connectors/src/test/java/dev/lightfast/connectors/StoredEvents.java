package dev.lightfast.connectors;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;

/**
 * Events as a graph extractor meets them: written to JSON and read back, the way the log stores
 * them, so that a test sees longs come back as ints and lists as plain lists.
 */
public final class StoredEvents {
    private StoredEvents() {}

    public static Event stored(EventDraft draft) {
        Event event =
                Event.of("01TEST", new TenantId("acme"), 1, Instant.parse("2030-01-01T00:00:00Z"), "dlv_test", draft);
        return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(event), Event.class);
    }
}
