package dev.lightfast.core.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;

/**
 * Something a rule looked at while judging: an event (cited), or an entity of the graph with the
 * event that put it there. {@code note} says what it was to the rule ("candidate did not match",
 * "related by fixes").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String note, Citation citation, String entityId) {

    public static Evidence event(String note, Citation citation) {
        return new Evidence(note, citation, null);
    }

    public static Evidence entity(String note, String entityId, Citation citation) {
        return new Evidence(note, citation, entityId);
    }
}
