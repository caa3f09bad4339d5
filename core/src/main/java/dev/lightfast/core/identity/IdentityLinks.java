package dev.lightfast.core.identity;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Records an operator's identity statement in the log; the graph projector does the joining. */
public final class IdentityLinks {
    private final EventLog log;
    private final Clock clock;

    public IdentityLinks(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param rawJson the request as received, kept as the raw payload
     * @param idempotencyKey null to generate one
     */
    public Appended link(
            TenantId tenant,
            EntityRef person,
            List<Alias> aliases,
            String note,
            String idempotencyKey,
            byte[] rawJson) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String key = idempotencyKey != null ? idempotencyKey : Ids.ulid();
        var draft = IdentityAssertion.draft(person, aliases, note, now, key);
        return log.append(
                tenant,
                new IncomingDelivery(
                        IdentityAssertion.SOURCE,
                        null,
                        key,
                        IdentityAssertion.TYPE,
                        Map.of("content-type", "application/json"),
                        rawJson,
                        now,
                        List.of(draft)));
    }
}
