package dev.lightfast.server.mcp;

import java.util.Optional;

/**
 * The {@code lightfast://} addresses of what a tool cites: {@code lightfast://events/{id}} and
 * {@code lightfast://entities/{id}}. A client reads them with {@code resources/read}.
 */
final class ResourceUris {
    static final String EVENTS = "lightfast://events/";
    static final String ENTITIES = "lightfast://entities/";
    static final String EVENT_TEMPLATE = EVENTS + "{id}";
    static final String ENTITY_TEMPLATE = ENTITIES + "{id}";

    private ResourceUris() {}

    static String event(String id) {
        return EVENTS + id;
    }

    static String entity(String id) {
        return ENTITIES + id;
    }

    /** The id in {@code uri} when it is under {@code prefix} and nothing else follows it. */
    static Optional<String> idIn(String uri, String prefix) {
        if (uri == null || !uri.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = uri.substring(prefix.length());
        return id.isEmpty() || id.contains("/") || id.contains("?") || id.contains("#")
                ? Optional.empty()
                : Optional.of(id);
    }
}
