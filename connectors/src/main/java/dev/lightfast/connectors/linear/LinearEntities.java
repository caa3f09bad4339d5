package dev.lightfast.connectors.linear;

import dev.lightfast.core.event.EntityRef;
import java.util.Locale;

/**
 * The keys of the things Linear events are about, in one place so that a normalizer, the graph
 * extractor and the mention scanner can never name the same issue two ways. Issues are keyed by
 * their identifier ({@code linear:ENG-123}), the name people write in branch names, PR titles and
 * commit messages, so that a mention anywhere meets the issue itself. Everything else is keyed by
 * Linear's id, the only name every payload that refers to it carries.
 *
 * <p>Every factory answers {@code null} when a part is missing; the event builder and the fact
 * list skip nulls, so a payload with a gap loses one link, not the event.
 */
final class LinearEntities {
    private static final int MAX_KEY = 512;

    private LinearEntities() {}

    static EntityRef issue(String identifier) {
        if (identifier == null || identifier.length() > 64) {
            return null;
        }
        String key = identifier.toUpperCase(Locale.ROOT);
        return ref("issue", "linear:" + key, key);
    }

    static EntityRef team(String key, String name) {
        return key == null ? null : ref("team", "linear:team/" + key, name != null ? name : key);
    }

    static EntityRef project(String id, String name) {
        return id == null ? null : ref("project", "linear:project/" + id, name != null ? name : id);
    }

    static EntityRef cycle(String id, Long number, String name) {
        if (id == null) {
            return null;
        }
        String label = name != null ? name : number != null ? "Cycle " + number : id;
        return ref("cycle", "linear:cycle/" + id, label);
    }

    static EntityRef person(String userId, String name) {
        return userId == null ? null : ref("person", "linear:user/" + userId, name != null ? name : userId);
    }

    static EntityRef label(String id, String name) {
        return id == null ? null : ref("label", "linear:label/" + id, name != null ? name : id);
    }

    /** Null when the key would be longer than an entity key may be: a payload with a giant id loses one link. */
    private static EntityRef ref(String kind, String key, String label) {
        return key.length() > MAX_KEY ? null : new EntityRef(kind, key, label);
    }
}
