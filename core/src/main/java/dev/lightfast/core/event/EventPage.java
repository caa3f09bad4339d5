package dev.lightfast.core.event;

import java.util.List;

/**
 * A page of the log. Continue with {@code after = nextAfter}; when {@code hasMore} is false the
 * reader is caught up and may poll with the same cursor for new events.
 */
public record EventPage(List<Event> events, long nextAfter, boolean hasMore) {}
