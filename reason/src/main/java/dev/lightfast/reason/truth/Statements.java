package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.OperatorClaims;
import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Records an operator's statement of what is true ({@code POST /v1/claims}) in the log, as an event
 * the claims projection reads like any tool's: it is cited, survives rebuilds, and reads as of any
 * point. The truth policy then lets it win over every claim made before it.
 */
public final class Statements {
    private final EventLog log;
    private final Clock clock;

    public Statements(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param value as the caller gave it; kept in the attribute's form
     * @param validFrom since when it holds (now when null); never in the future
     * @param rawJson the request as received, kept as the raw payload
     * @param idempotencyKey null to generate one
     */
    public Appended state(
            TenantId tenant,
            EntityRef entity,
            ClaimAttribute attribute,
            String value,
            String note,
            Instant validFrom,
            EntityRef by,
            String idempotencyKey,
            byte[] rawJson) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (validFrom != null && validFrom.isAfter(now)) {
            throw new dev.lightfast.core.InvalidInput(
                    "validFrom is in the future; a statement says what holds now or held before");
        }
        String key = idempotencyKey != null ? idempotencyKey : Ids.ulid();
        var draft = OperatorClaims.draft(entity, attribute, attribute.normalize(value), note, validFrom, now, by, key);
        return log.append(
                tenant,
                new IncomingDelivery(
                        OperatorClaims.SOURCE,
                        null,
                        key,
                        OperatorClaims.TYPE,
                        Map.of("content-type", "application/json"),
                        rawJson,
                        now,
                        List.of(draft)));
    }
}
