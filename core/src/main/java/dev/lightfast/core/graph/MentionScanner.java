package dev.lightfast.core.graph;

import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.event.EntityRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the things of every connected tool named in a text; given to each extractor. */
@FunctionalInterface
public interface MentionScanner {
    MentionScanner NONE = text -> List.of();

    List<EntityRef> scan(String text);

    /** Every connected tool's mention patterns, each thing found once, in the order found. */
    static MentionScanner across(Connectors connectors) {
        List<GraphExtractor> extractors = connectors.providers().stream()
                .map(p -> connectors.find(p).orElseThrow().graph())
                .toList();
        return text -> {
            if (text == null || text.isBlank()) {
                return List.of();
            }
            Map<String, EntityRef> found = new LinkedHashMap<>();
            for (GraphExtractor extractor : extractors) {
                for (EntityRef ref : extractor.mentionsIn(text)) {
                    found.putIfAbsent(ref.kind() + "\u0000" + ref.key(), ref);
                }
            }
            return List.copyOf(found.values());
        };
    }
}
