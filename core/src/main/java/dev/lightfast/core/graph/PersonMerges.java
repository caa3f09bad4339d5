package dev.lightfast.core.graph;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which person entities were merged into which, as every graph store keeps them ({@code merged ->
 * into}, one hop per merge). Reads follow the chain to the person an id stands for today, and
 * gather every id that stands for that person.
 */
public final class PersonMerges {
    /** Longer chains than this can only be a cycle, which merges in seq order never make. */
    private static final int MAX_HOPS = 64;

    private PersonMerges() {}

    /** The id that {@code id} reads as after following its merges. */
    public static String canonical(Map<String, String> mergedInto, String id) {
        String current = id;
        for (int hops = 0; hops < MAX_HOPS && mergedInto.containsKey(current); hops++) {
            current = mergedInto.get(current);
        }
        return current;
    }

    /** The canonical id and every id merged into it, directly or through others. */
    public static Set<String> members(Map<String, String> mergedInto, String canonical) {
        Set<String> members = new LinkedHashSet<>();
        members.add(canonical);
        for (String merged : mergedInto.keySet()) {
            if (canonical(mergedInto, merged).equals(canonical)) {
                members.add(merged);
            }
        }
        return members;
    }
}
