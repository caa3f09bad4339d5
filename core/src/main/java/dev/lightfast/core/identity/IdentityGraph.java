package dev.lightfast.core.identity;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The graph of an {@link IdentityAssertion}: each alias identifies the person, as the operator said. */
public final class IdentityGraph implements GraphExtractor {
    public static final IdentityGraph INSTANCE = new IdentityGraph();

    private IdentityGraph() {}

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        List<GraphFact> facts = new ArrayList<>();
        EntityRef person = event.subjects().isEmpty() ? null : event.subjects().getFirst();
        if (person == null || !(event.attributes().get(IdentityAssertion.ALIASES) instanceof List<?> aliases)) {
            return facts;
        }
        Object note = event.attributes().get(IdentityAssertion.NOTE);
        String evidence = "stated by an operator through POST /v1/identities" + (note == null ? "" : ": " + note);
        facts.add(new GraphFact.Describes(person, Map.of(), event.occurredAt()));
        for (Object a : aliases) {
            if (a instanceof Map<?, ?> m
                    && m.get("kind") instanceof String kind
                    && m.get("value") instanceof String value) {
                facts.add(new GraphFact.Identifies(person, new Alias(kind, value), evidence));
            }
        }
        return facts;
    }
}
