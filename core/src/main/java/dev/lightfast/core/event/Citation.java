package dev.lightfast.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Where a statement comes from: the event (our id and place in the log) and the source's own link,
 * so a reader can check it in the tool itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(String eventId, long seq, String type, String url, Instant occurredAt) {

    public static Citation of(Event e) {
        return new Citation(e.id(), e.seq(), e.type(), e.url(), e.occurredAt());
    }
}
