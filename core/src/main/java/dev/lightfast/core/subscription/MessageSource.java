package dev.lightfast.core.subscription;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;

/**
 * Where outbound messages come from, in an order of their own: the event log ({@link
 * EventMessages}), and, once rules are present, the violations they find. The outbox follows each
 * source like a projection, with a cursor per subscription, so a message is queued once however
 * many servers follow the source.
 *
 * <p>A violations store plugs in by implementing this over its violations in the order it found
 * them (a position that only grows, e.g. a sequence it gives each violation as it stores it), each
 * as a {@link ViolationMessage}, and by being added to the sources in {@code Engine}.
 */
public interface MessageSource {

    /** A stable name, part of the outbox's cursors (never rename one in use). */
    String name();

    /** Up to {@code limit} messages after {@code position}, in order. */
    List<? extends OutboundMessage> after(TenantId tenant, long position, int limit);

    /** The last position there is now (0 when there is nothing). */
    long last(TenantId tenant);
}
