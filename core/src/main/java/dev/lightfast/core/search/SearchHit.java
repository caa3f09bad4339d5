package dev.lightfast.core.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One event that matched, with the text that matched, its fused score and where each retriever
 * ranked it (null when that retriever did not find it), and its citation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        String eventId,
        long seq,
        String source,
        String type,
        String title,
        String snippet,
        Instant occurredAt,
        String url,
        double score,
        Integer keywordRank,
        Integer vectorRank,
        List<String> subjects,
        List<Citation> citations) {}
