package dev.lightfast.store.postgres;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.body.RawBodyCodec;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A delivery waiting for a writer: its id, its events with ids but no seq yet, the JSON already
 * rendered, the body already compressed, and the future its caller waits on. Times are cut to microseconds, what the database
 * keeps, so what the caller is given is exactly what a later read returns.
 */
record PendingDelivery(
        RawDelivery raw,
        String headersJson,
        RawBodyCodec.Encoded storedBody,
        byte[] bodySha256,
        java.time.Instant sameBodySince,
        List<Event> events,
        List<PostgresEventRows.Serialized> serialized,
        CompletableFuture<Appended> result) {

    /** A delivery's identity for deduplication: the same key from the same source is the same delivery. */
    record Key(String source, String key) {}

    /** A body's identity for catching replays: the same digest through the same connection. */
    record Body(String connectionId, String sha256Hex) {}

    static PendingDelivery of(TenantId tenant, IncomingDelivery d) {
        String id = "dlv_" + Ids.ulid().toLowerCase(Locale.ROOT);
        var receivedAt = d.receivedAt().truncatedTo(ChronoUnit.MICROS);
        var events = new ArrayList<Event>(d.events().size());
        var serialized = new ArrayList<PostgresEventRows.Serialized>(d.events().size());
        for (var draft : d.events()) {
            var occurred = draft.occurredAt().truncatedTo(ChronoUnit.MICROS);
            var e = Event.of(
                    Ids.ulid(),
                    tenant,
                    0,
                    receivedAt,
                    id,
                    draft.occurredAt().equals(occurred) ? draft : draft.withOccurredAt(occurred));
            events.add(e);
            serialized.add(PostgresEventRows.Serialized.of(e));
        }
        var raw = new RawDelivery(
                id,
                tenant,
                d.source(),
                d.connectionId(),
                d.deliveryKey(),
                d.eventName(),
                d.headers(),
                d.body(),
                receivedAt);
        return new PendingDelivery(
                raw,
                Json.MAPPER.writeValueAsString(d.headers()),
                RawBodyCodec.shared().encode(d.source(), d.body()),
                d.connectionId() == null ? null : d.bodySha256(),
                d.dedupesBody() ? d.sameBodySince() : null,
                List.copyOf(events),
                List.copyOf(serialized),
                new CompletableFuture<>());
    }

    Key key() {
        return new Key(raw.source(), raw.deliveryKey());
    }

    /** Whether an identical body through the same connection, stored since {@link #sameBodySince}, is this one. */
    boolean dedupesBody() {
        return sameBodySince != null && bodySha256 != null;
    }

    Body body() {
        return new Body(raw.connectionId(), java.util.HexFormat.of().formatHex(bodySha256));
    }
}
