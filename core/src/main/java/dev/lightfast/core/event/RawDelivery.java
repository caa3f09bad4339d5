package dev.lightfast.core.event;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * A delivery exactly as it arrived: the body byte for byte and the headers that matter. Kept
 * forever so that events can be derived again by a better normalizer.
 */
public record RawDelivery(
        String id,
        TenantId tenant,
        String source,
        String connectionId,
        String deliveryKey,
        String eventName,
        Map<String, String> headers,
        byte[] body,
        Instant receivedAt) {}
