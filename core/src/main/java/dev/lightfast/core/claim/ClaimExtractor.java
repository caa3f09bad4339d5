package dev.lightfast.core.claim;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.MentionScanner;
import java.util.List;

/**
 * How one tool's events state claims: the tool's own record of its things (a Linear issue's state,
 * a pull request's merge, what a deployment put in production), and what its people said in words.
 * It reads the stored {@link Event} only, so claims can be derived again from the log. Stateless
 * and thread-safe; a connector offers one next to its graph extractor.
 */
@FunctionalInterface
public interface ClaimExtractor {
    ClaimExtractor NONE = (event, mentions) -> List.of();

    /** The claims of one event of this tool's source; empty when it states none. */
    List<ClaimDraft> extract(Event event, MentionScanner mentions);
}
