package dev.lightfast.core.coverage;

import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook deliveries a connection refused (bad signature, malformed body, too large, busy), counted
 * per connection since this server started. Kept in memory on purpose: a refused request is by
 * definition one we would not store, and writing a row for each would let anyone who knows a
 * webhook URL make the database write for free. Only requests whose URL names a real connection
 * are counted, so the map grows with connections, not with what callers invent.
 */
public final class WebhookFailures {
    private final Clock clock;
    private final Map<String, Tally> byConnection = new ConcurrentHashMap<>();

    public WebhookFailures(Clock clock) {
        this.clock = clock;
    }

    /** A connection's refusals: how many of each reason, and the latest. */
    public record Seen(long total, Map<String, Long> byReason, Instant lastAt, String lastReason) {
        public static final Seen NONE = new Seen(0, Map.of(), null, null);
    }

    private static final class Tally {
        final TenantId tenant;
        final TreeMap<String, Long> byReason = new TreeMap<>();
        long total;
        Instant lastAt;
        String lastReason;

        Tally(TenantId tenant) {
            this.tenant = tenant;
        }
    }

    public void record(TenantId tenant, String connectionId, String reason) {
        var tally = byConnection.computeIfAbsent(connectionId, k -> new Tally(tenant));
        synchronized (tally) {
            tally.total++;
            tally.byReason.merge(reason, 1L, Long::sum);
            tally.lastAt = clock.instant();
            tally.lastReason = reason;
        }
    }

    /** The connection's refusals, none when it belongs to another tenant. */
    public Seen seen(TenantId tenant, String connectionId) {
        var tally = byConnection.get(connectionId);
        if (tally == null || !tally.tenant.equals(tenant)) {
            return Seen.NONE;
        }
        synchronized (tally) {
            return new Seen(tally.total, Map.copyOf(tally.byReason), tally.lastAt, tally.lastReason);
        }
    }
}
