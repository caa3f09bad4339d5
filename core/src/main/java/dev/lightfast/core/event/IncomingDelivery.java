package dev.lightfast.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A delivery on its way into the log, with the events normalized from it. The log stores both in
 * one transaction, or, when {@code (source, deliveryKey)} was seen before, neither.
 */
public record IncomingDelivery(
        String source,
        String connectionId,
        String deliveryKey,
        String eventName,
        Map<String, String> headers,
        byte[] body,
        Instant receivedAt,
        List<EventDraft> events) {

    public IncomingDelivery {
        if (deliveryKey == null || deliveryKey.isBlank() || deliveryKey.length() > 256) {
            throw new IllegalArgumentException("delivery key must be 1-256 characters");
        }
        headers = Map.copyOf(headers);
        events = List.copyOf(events);
    }
}
