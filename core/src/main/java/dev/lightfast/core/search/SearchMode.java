package dev.lightfast.core.search;

import dev.lightfast.core.InvalidInput;
import java.util.Locale;

/** Which retrieval to use: words (BM25), meaning (vectors), or both fused. */
public enum SearchMode {
    KEYWORD,
    VECTOR,
    HYBRID;

    public static SearchMode parse(String value) {
        if (value == null || value.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("mode must be one of keyword, vector, hybrid; got: " + value);
        }
    }
}
