package dev.lightfast.core.subscription;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/** The log as a source of outbound messages: every event, at its {@code seq}. */
public final class EventMessages implements MessageSource {
    public static final String NAME = "events";

    private final EventLog log;

    public EventMessages(EventLog log) {
        this.log = log;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EventMessage> after(TenantId tenant, long position, int limit) {
        return log
                .read(
                        tenant,
                        EventQuery.all(Math.min(limit, EventQuery.MAX_LIMIT)).after(position))
                .events()
                .stream()
                .map(EventMessage::new)
                .toList();
    }

    @Override
    public long last(TenantId tenant) {
        return log.lastSeq(tenant);
    }
}
