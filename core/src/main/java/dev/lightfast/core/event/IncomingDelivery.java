package dev.lightfast.core.event;

import dev.lightfast.core.InvalidInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A delivery on its way into the log, with the events normalized from it. The log stores both in
 * one transaction, or, when {@code (source, deliveryKey)} was seen before, neither.
 *
 * @param sameBodySince when not null, a delivery already stored through the same connection with a
 *     byte-identical body, received at or after this instant, is this delivery again: nothing is
 *     stored and the first one's outcome is returned as a duplicate. It is how a replay is caught
 *     when the tool signs no delivery id or time of its own (GitHub, Sentry); the log compares
 *     SHA-256 digests of the bodies
 * @param bodySha256Given the body's SHA-256 when it was computed already (as the body arrived), or
 *     null to compute it when needed
 */
public record IncomingDelivery(
        String source,
        String connectionId,
        String deliveryKey,
        String eventName,
        Map<String, String> headers,
        byte[] body,
        Instant receivedAt,
        List<EventDraft> events,
        Instant sameBodySince,
        byte[] bodySha256Given) {

    public IncomingDelivery {
        if (deliveryKey == null || deliveryKey.isBlank() || deliveryKey.length() > 256) {
            throw new InvalidInput("delivery key (or idempotencyKey) must be 1-256 characters");
        }
        headers = Map.copyOf(headers);
        events = List.copyOf(events);
    }

    /** A delivery whose body's digest is computed when needed. */
    public IncomingDelivery(
            String source,
            String connectionId,
            String deliveryKey,
            String eventName,
            Map<String, String> headers,
            byte[] body,
            Instant receivedAt,
            List<EventDraft> events,
            Instant sameBodySince) {
        this(source, connectionId, deliveryKey, eventName, headers, body, receivedAt, events, sameBodySince, null);
    }

    /** A delivery deduplicated by its key alone. */
    public IncomingDelivery(
            String source,
            String connectionId,
            String deliveryKey,
            String eventName,
            Map<String, String> headers,
            byte[] body,
            Instant receivedAt,
            List<EventDraft> events) {
        this(source, connectionId, deliveryKey, eventName, headers, body, receivedAt, events, null);
    }

    /** Whether the log must look for an identical body from the same connection before storing. */
    public boolean dedupesBody() {
        return sameBodySince != null && connectionId != null;
    }

    /** The SHA-256 of the body, which the log keeps to find an identical one. */
    public byte[] bodySha256() {
        return bodySha256Given != null ? bodySha256Given : sha256(body);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
