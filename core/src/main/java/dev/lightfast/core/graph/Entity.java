package dev.lightfast.core.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A thing events are about, as known at some point: its kind and natural key, a display name, the
 * latest value of each attribute, the aliases that resolve to it (people), and the events it was
 * learned from (most recent first, capped).
 *
 * @param id stable per tenant; the same key always gives the same id, so a rebuild keeps ids
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(
        String id,
        String kind,
        String key,
        String name,
        Map<String, Object> attributes,
        List<AliasEvidence> aliases,
        List<String> mergedIds,
        Instant firstSeen,
        Instant lastSeen,
        long firstSeq,
        long lastSeq,
        List<Citation> citations) {

    /** Why an alias belongs to this entity, and where we saw it. */
    public record AliasEvidence(String kind, String value, String evidence, String eventId) {}
}
