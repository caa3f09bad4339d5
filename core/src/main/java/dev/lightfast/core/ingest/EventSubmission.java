package dev.lightfast.core.ingest;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.identity.IdentityAssertion;
import dev.lightfast.core.outbound.SubscriptionDisabled;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Events sent directly by an agent or another system ({@code POST /v1/events}). The submitted JSON
 * is kept as the raw delivery, like a webhook body, and the idempotency key plays the part of the
 * delivery id: the same key twice is one event.
 */
public final class EventSubmission {
    private final Connectors connectors;
    private final EventLog log;
    private final Clock clock;

    public EventSubmission(Connectors connectors, EventLog log, Clock clock) {
        this.connectors = connectors;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param rawJson the request body as received, kept as the raw payload
     * @throws InvalidInput when the source belongs to a webhook connector: those events
     *     are only believed when the tool itself signed them
     */
    public Appended submit(TenantId tenant, EventDraft draft, byte[] rawJson) {
        if (connectors.find(draft.source()).isPresent()) {
            throw new InvalidInput("source '" + draft.source()
                    + "' is reserved for its signed webhooks; use another source such as 'api' or your agent's name");
        }
        if (IdentityAssertion.SOURCE.equals(draft.source())) {
            throw new InvalidInput("source 'identity' is written by POST /v1/identities only");
        }
        if (dev.lightfast.core.claim.OperatorClaims.SOURCE.equals(draft.source())) {
            throw new InvalidInput("source 'claims' is written by POST /v1/claims only");
        }
        if (dev.lightfast.core.rule.RuleEvents.SOURCE.equals(draft.source())) {
            throw new InvalidInput("source 'rules' is written by POST /v1/rules only");
        }
        if (SubscriptionDisabled.SOURCE.equals(draft.source())) {
            throw new InvalidInput("source 'lightfast' is written by Lightfast itself only");
        }
        String key = draft.idempotencyKey() != null ? draft.idempotencyKey() : Ids.ulid();
        var withKey = draft.idempotencyKey() != null ? draft : draft.withIdempotencyKey(key);
        var incoming = new IncomingDelivery(
                draft.source(),
                null,
                key,
                draft.type(),
                Map.of("content-type", "application/json"),
                rawJson,
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                List.of(withKey));
        return log.append(tenant, incoming);
    }
}
