package dev.lightfast.core.search;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.event.EventTimes;
import java.time.Instant;

/**
 * A search with its filters. {@code type} is exact or a prefix ending in {@code .*}; {@code
 * actor} and {@code entity} are entity keys ({@code tool:octocat}) or entity ids; {@code asOfSeq}
 * hides events learned after that point.
 */
public record SearchQuery(
        String text,
        int limit,
        SearchMode mode,
        String source,
        String type,
        String actor,
        String entity,
        Instant from,
        Instant to,
        Long asOfSeq) {
    public static final int MAX_LIMIT = 100;
    public static final int MAX_TEXT = 2_000;

    public SearchQuery {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("q (the search text) is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInput("q is longer than " + MAX_TEXT + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit must be between 1 and " + MAX_LIMIT);
        }
        if (mode == null) {
            mode = SearchMode.HYBRID;
        }
        EventTimes.check("from", from);
        EventTimes.check("to", to);
        if (asOfSeq != null && asOfSeq < 0) {
            throw new InvalidInput("asOf must be a seq >= 0");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInput("from must be before to");
        }
    }

    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, limit, SearchMode.HYBRID, null, null, null, null, null, null, null);
    }

    public SearchQuery withMode(SearchMode mode) {
        return new SearchQuery(text, limit, mode, source, type, actor, entity, from, to, asOfSeq);
    }

    public SearchQuery withLimit(int limit) {
        return new SearchQuery(text, limit, mode, source, type, actor, entity, from, to, asOfSeq);
    }
}
