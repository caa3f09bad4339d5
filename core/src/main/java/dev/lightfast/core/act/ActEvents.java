package dev.lightfast.core.act;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * How an intent's life is written into the tenant's log: source {@value #SOURCE}, one type per
 * step. Each event names the intent as a subject and the intent's source events as its causes, so
 * an action is searchable, cited, and part of the why-chain of what it acted on. The idempotency key
 * of each names the intent and step, so a step recorded again after a restart is stored once.
 */
public final class ActEvents {
    public static final String SOURCE = "lightfast";
    public static final String PROPOSED = "lightfast.intent.proposed";
    public static final String APPROVED = "lightfast.intent.approved";
    public static final String CALL_ATTEMPTED = "lightfast.intent.call.attempted";
    public static final String CALL_SUCCEEDED = "lightfast.intent.call.succeeded";
    public static final String CALL_FAILED = "lightfast.intent.call.failed";
    public static final String COMPLETED = "lightfast.intent.completed";
    public static final String POLICY_SET = "lightfast.intent.policy.set";
    /** Every intent event, as a log query's type prefix. */
    public static final String ALL = "lightfast.intent.*";
    /** The kind of the entity an intent is, in events' subjects. */
    public static final String INTENT_KIND = "intent";
    /** Causes carried per event: the plan's sources, capped so one event stays small. */
    static final int MAX_CAUSES = 20;

    private final EventLog log;
    private final Clock clock;

    public ActEvents(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public static EntityRef subject(String intentId, IntentKind kind) {
        return EntityRef.of(INTENT_KIND, "lightfast:intent/" + intentId, kind.wire() + " " + intentId);
    }

    /** Appends one step of an intent; the same {@code key} twice is stored once. */
    public Event record(
            TenantId tenant,
            Intent intent,
            String type,
            String key,
            String title,
            String url,
            Map<String, Object> attributes,
            List<EntityRef> about) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var b = EventDraft.builder(SOURCE, type)
                .occurredAt(now)
                .title(title)
                .subject(subject(intent.id(), intent.kind()))
                .attribute("intent_id", intent.id())
                .attribute("intent", intent.kind().wire())
                .idempotencyKey("intent/" + intent.id() + "/" + key);
        about.forEach(b::subject);
        if (intent.plan() != null) {
            // What the intent acts on: every step of it shows in those things' timelines and searches.
            intent.plan().targets().forEach(b::subject);
        }
        attributes.forEach(b::attribute);
        if (url != null) {
            b.url(url);
        }
        if (intent.eventId() != null) {
            b.cause(intent.eventId());
        }
        if (intent.plan() != null) {
            intent.plan().sources().stream()
                    .limit(MAX_CAUSES)
                    .map(Citation::eventId)
                    .forEach(b::cause);
        }
        EventDraft draft = b.build();
        var appended = log.append(
                tenant,
                new IncomingDelivery(
                        SOURCE,
                        null,
                        draft.idempotencyKey(),
                        type,
                        Map.of("content-type", "application/json"),
                        Json.MAPPER.writeValueAsBytes(attributes),
                        now,
                        List.of(draft)));
        return appended.events().getFirst();
    }
}
