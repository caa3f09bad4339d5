package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The graph of an event whose source has no extractor of its own (an agent's {@code POST
 * /v1/events}): each subject exists, the actor is {@code involved_in} each, and the text's mentions
 * are linked from the first subject. Nothing is guessed beyond what the event names.
 */
public final class GenericGraph implements GraphExtractor {
    public static final GenericGraph INSTANCE = new GenericGraph();

    private GenericGraph() {}

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        List<GraphFact> facts = new ArrayList<>();
        var at = event.occurredAt();
        for (EntityRef subject : event.subjects()) {
            facts.add(new GraphFact.Describes(subject, Map.of(), at));
            if (event.actor() != null && !event.actor().sameEntity(subject)) {
                facts.add(new GraphFact.Relates(RelationType.INVOLVED_IN, event.actor(), subject, at));
            }
        }
        if (event.actor() != null) {
            facts.add(new GraphFact.Describes(event.actor(), Map.of(), at));
        }
        if (!event.subjects().isEmpty()) {
            EntityRef first = event.subjects().getFirst();
            for (EntityRef mentioned : mentions.scan(event.title() + "\n" + event.body())) {
                if (!mentioned.sameEntity(first)) {
                    facts.add(new GraphFact.Relates(RelationType.MENTIONS, first, mentioned, at));
                }
            }
        }
        return facts;
    }
}
