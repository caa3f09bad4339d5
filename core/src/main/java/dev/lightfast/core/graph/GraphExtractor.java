package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import java.util.List;

/**
 * How one tool's canonical events become graph facts, and how its things are named in free text.
 * It reads the stored {@link Event} (never the raw payload), so the graph can be rebuilt from the
 * log. Implementations are stateless and thread-safe.
 */
public interface GraphExtractor {

    /** The facts of one event of this tool's source. Empty when the event says nothing new. */
    List<GraphFact> extract(Event event, MentionScanner mentions);

    /**
     * This tool's things named in any text: a tracker key {@code ENG-123}, a pull request URL.
     * The projector offers every event's text to every tool, which is what links across tools.
     */
    default List<EntityRef> mentionsIn(String text) {
        return List.of();
    }
}
