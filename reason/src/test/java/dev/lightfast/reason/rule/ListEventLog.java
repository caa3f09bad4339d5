package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventPage;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.event.RawDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A log in a list, for the evaluator's unit tests: the {@link EventLog} reads (order, type prefix,
 * time range) as the stores answer them, one tenant. The stores themselves are held to the same
 * reads by {@code EventLogContract}; end-to-end tests judge real stores.
 */
final class ListEventLog implements EventLog {
    static final TenantId TENANT = TenantId.of("acme");
    private final List<Event> events = new ArrayList<>();

    /** Appends an event of {@code type} at {@code at}, with attributes and subjects; answers it. */
    Event add(String type, Instant at, Map<String, Object> attributes, EntityRef... subjects) {
        var draft = new EventDraft(
                type.substring(0, type.indexOf('.')),
                type,
                at,
                null,
                List.of(subjects),
                type + " " + (events.size() + 1),
                "",
                attributes,
                "https://example.com/" + (events.size() + 1),
                List.of(),
                "k" + (events.size() + 1));
        return add(draft);
    }

    Event add(EventDraft draft) {
        long seq = events.size() + 1;
        var e = Event.of(String.format("ev%04d", seq), TENANT, seq, draft.occurredAt(), "dl" + seq, draft);
        events.add(e);
        return e;
    }

    List<Event> all() {
        return List.copyOf(events);
    }

    @Override
    public List<Appended> append(TenantId tenant, List<IncomingDelivery> deliveries) {
        var out = new ArrayList<Appended>();
        for (var d : deliveries) {
            var added = d.events().stream().map(this::add).toList();
            out.add(new Appended("dl", false, added));
        }
        return out;
    }

    @Override
    public EventPage read(TenantId tenant, EventQuery q) {
        var page = new ArrayList<Event>();
        boolean more = false;
        for (Event e : events) {
            if (e.seq() <= q.after()) {
                continue;
            }
            if (q.type() != null
                    && !(q.typeIsPrefix()
                            ? e.type().startsWith(q.typePrefix())
                            : e.type().equals(q.type()))) {
                continue;
            }
            if (q.source() != null && !q.source().equals(e.source())) {
                continue;
            }
            if (q.from() != null && e.occurredAt().isBefore(q.from())) {
                continue;
            }
            if (q.to() != null && !e.occurredAt().isBefore(q.to())) {
                continue;
            }
            if (page.size() == q.limit()) {
                more = true;
                break;
            }
            page.add(e);
        }
        return new EventPage(page, page.isEmpty() ? q.after() : page.getLast().seq(), more);
    }

    @Override
    public Optional<Event> find(TenantId tenant, String eventId) {
        return events.stream().filter(e -> e.id().equals(eventId)).findFirst();
    }

    @Override
    public Optional<RawDelivery> findRaw(TenantId tenant, String deliveryId) {
        return Optional.empty();
    }

    @Override
    public long lastSeq(TenantId tenant) {
        return events.size();
    }

    @Override
    public void close() {}
}
