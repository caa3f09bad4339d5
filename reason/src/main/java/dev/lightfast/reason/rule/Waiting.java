package dev.lightfast.reason.rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rule version is waiting for an event to settle (expectations not yet met, violations
 * not yet resolved), found again cheaply. When the rule's {@code expect.match} requires {@code
 * shares(candidate, trigger, 'kind')}, an item is filed under its trigger's entities of that kind,
 * and an event is matched only against the items it shares one with: every other match would be
 * false anyway. Otherwise every item is a candidate.
 *
 * @param <T> a waiting expectation or an open violation
 */
final class Waiting<T> {
    /** The kind {@code shares} names, or null when the match does not require one. */
    private final String kind;

    private final LinkedHashMap<String, T> items = new LinkedHashMap<>();
    /** The order items came in, to answer candidates in it without walking every item. */
    private final Map<String, Long> order = new HashMap<>();

    private long added;
    private final Map<String, Set<String>> byKey = new HashMap<>();
    private final Map<String, List<String>> keysOf = new HashMap<>();

    Waiting(String kind) {
        this.kind = kind;
    }

    String kind() {
        return kind;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** @param triggerKeys the trigger's entity keys of {@link #kind} (ignored without one) */
    void add(String id, T item, List<String> triggerKeys) {
        items.put(id, item);
        order.put(id, added++);
        if (kind != null) {
            keysOf.put(id, triggerKeys);
            for (String k : triggerKeys) {
                byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    void remove(String id) {
        order.remove(id);
        if (items.remove(id) == null || kind == null) {
            return;
        }
        for (String k : keysOf.remove(id)) {
            Set<String> ids = byKey.get(k);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
    }

    /** The items an event with these entity keys (of {@link #kind}) may settle, in the order they came. */
    List<T> candidates(List<String> eventKeys) {
        if (kind == null) {
            return List.copyOf(items.values());
        }
        var ids = new LinkedHashSet<String>();
        for (String k : eventKeys) {
            Set<String> found = byKey.get(k);
            if (found != null) {
                ids.addAll(found);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        var sorted = new ArrayList<>(ids);
        sorted.sort(java.util.Comparator.comparing(order::get));
        var out = new ArrayList<T>(sorted.size());
        for (String id : sorted) {
            out.add(items.get(id));
        }
        return out;
    }
}
