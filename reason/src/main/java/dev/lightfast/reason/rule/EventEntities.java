package dev.lightfast.reason.rule;

import dev.lightfast.core.event.Event;
import java.util.Set;

/**
 * Which entities an event touches, by id: an open violation of a requirement is re-checked when a
 * later event touches an entity it is about or looked at. The graph's projector knows the most (the
 * entities the event's facts relate, such as the Linear issue a pull request names); without it, an
 * event touches its actor and subjects.
 */
@FunctionalInterface
public interface EventEntities {
    EventEntities SUBJECTS = EventValues::entityIds;

    Set<String> of(Event e);
}
