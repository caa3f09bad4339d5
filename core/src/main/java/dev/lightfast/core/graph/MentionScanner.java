package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import java.util.List;

/** Finds the things of every connected tool named in a text; given to each extractor. */
@FunctionalInterface
public interface MentionScanner {
    MentionScanner NONE = text -> List.of();

    List<EntityRef> scan(String text);
}
