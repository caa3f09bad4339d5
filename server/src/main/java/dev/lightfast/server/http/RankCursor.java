package dev.lightfast.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The cursor of a ranked list (matches ordered by relevance or recency rather than by a key): a
 * position in the ranking, opaque to clients so that it can become a keyset later.
 */
public final class RankCursor {
    /** How deep pages may go. */
    public static final int MAX_DEPTH = 1_000;

    private static final String PREFIX = "rank:";

    private RankCursor() {}

    public static String encode(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor stands for; 0 for none. */
    public static int decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith(PREFIX)) {
                int offset = Integer.parseInt(s.substring(PREFIX.length()));
                if (offset >= 0 && offset <= MAX_DEPTH) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw ApiError.badRequest("cursor is not one this API gave out; pass a page's nextCursor unchanged");
    }
}
