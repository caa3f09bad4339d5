package dev.lightfast.core.subscription;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import java.time.Instant;
import java.util.List;

/**
 * An event of the log, intent and action results among them (they are events of type {@code
 * lightfast.intent.*} and {@code lightfast.action.*}). It cites itself.
 */
public record EventMessage(Event event) implements OutboundMessage {

    @Override
    public String kind() {
        return "event";
    }

    @Override
    public String type() {
        return event.type();
    }

    @Override
    public long position() {
        return event.seq();
    }

    @Override
    public Instant timestamp() {
        return event.observedAt();
    }

    @Override
    public Object data() {
        return event;
    }

    @Override
    public List<Citation> citations() {
        return List.of(Citation.of(event));
    }
}
