package dev.lightfast.core.reading;

import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every person of a tenant by every way a question may name them: display names and name aliases,
 * logins, emails and the other ids tools know them by, all folded (case, accents, quotes). Built
 * from the graph and kept until the graph moves on.
 *
 * <p>Names never join people in the graph (two people may share one), but a question that names
 * "Christian Tzolov" means everyone who goes by that name: {@link #link} answers with all of them.
 */
public final class PeopleDirectory {
    /** More people than this in one tenant are read in pages of the graph's own order. */
    private static final int MAX_PEOPLE = 50_000;

    private final GraphStore graph;
    private final Map<TenantId, Snapshot> cache = new ConcurrentHashMap<>();

    public PeopleDirectory(GraphStore graph) {
        this.graph = graph;
    }

    /** One person found in a question, with every identity the name stands for. */
    public record Match(String mention, List<Entity> identities) {}

    /** The people a question names, longest names first, each words' span used once. */
    public List<Match> link(TenantId tenant, String text) {
        Snapshot s = snapshot(tenant);
        String folded = " " + Fold.phrase(text) + " ";
        List<Match> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (String phrase : s.phrasesLongestFirst) {
            int at = folded.indexOf(" " + phrase + " ");
            if (at < 0 || overlaps(used, at, phrase.length())) {
                continue;
            }
            used.add(at + ":" + phrase.length());
            out.add(new Match(phrase, s.expand(s.byPhrase.get(phrase))));
        }
        // A part of a name ("Tzolov", "Priya") when every person it could mean goes by one name.
        String rest = folded;
        for (String u : used) {
            String[] p = u.split(":");
            int at = Integer.parseInt(p[0]);
            int len = Integer.parseInt(p[1]);
            rest = rest.substring(0, at + 1) + " ".repeat(len) + rest.substring(at + 1 + len);
        }
        for (String word : rest.trim().split("\\s+")) {
            if (word.length() < 3 || Question.STOP.contains(word)) {
                continue;
            }
            Set<String> ids = s.byToken.get(word);
            if (ids == null) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (String id : ids) {
                names.add(s.mainName.get(id));
            }
            if (names.size() == 1) {
                out.add(new Match(word, s.expand(ids)));
            }
        }
        return out;
    }

    private static boolean overlaps(Set<String> used, int at, int len) {
        for (String u : used) {
            String[] p = u.split(":");
            int a = Integer.parseInt(p[0]);
            int l = Integer.parseInt(p[1]);
            if (at < a + l + 1 && a < at + len + 1) {
                return true;
            }
        }
        return false;
    }

    private Snapshot snapshot(TenantId tenant) {
        long checkpoint = graph.checkpoint(tenant);
        Snapshot s = cache.get(tenant);
        if (s == null || s.checkpoint != checkpoint) {
            s = new Snapshot(checkpoint, graph.find(tenant, "", EntityKind.PERSON.wire(), MAX_PEOPLE));
            cache.put(tenant, s);
        }
        return s;
    }

    /** The directory as of one graph checkpoint. */
    private static final class Snapshot {
        final long checkpoint;
        final Map<String, Entity> people = new LinkedHashMap<>();
        final Map<String, Set<String>> byPhrase = new HashMap<>();
        final Map<String, Set<String>> byToken = new HashMap<>();
        final Map<String, Set<String>> byName = new HashMap<>();
        final Map<String, String> mainName = new HashMap<>();
        final List<String> phrasesLongestFirst;

        Snapshot(long checkpoint, List<Entity> persons) {
            this.checkpoint = checkpoint;
            for (Entity p : persons) {
                people.put(p.id(), p);
                Set<String> names = new LinkedHashSet<>();
                names.add(Fold.phrase(p.name()));
                Set<String> handles = new LinkedHashSet<>();
                String key = p.key();
                handles.add(Fold.phrase(key.substring(key.indexOf(':') + 1)));
                if (p.aliases() != null) {
                    for (Entity.AliasEvidence a : p.aliases()) {
                        if (a.kind().equals("name")) {
                            names.add(Fold.phrase(a.value()));
                        } else {
                            handles.add(Fold.phrase(a.value()));
                        }
                    }
                }
                names.removeIf(String::isBlank);
                mainName.put(p.id(), names.isEmpty() ? p.id() : names.iterator().next());
                for (String n : names) {
                    byName.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(p.id());
                    index(n, p.id());
                    for (String t : n.split(" ")) {
                        if (t.length() >= 3) {
                            byToken.computeIfAbsent(t, k -> new LinkedHashSet<>())
                                    .add(p.id());
                        }
                    }
                }
                for (String h : handles) {
                    index(h, p.id());
                }
            }
            phrasesLongestFirst = byPhrase.keySet().stream()
                    .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b))
                    .toList();
        }

        private void index(String phrase, String id) {
            // One common word is not a name a question can be trusted to mean ("Fix", "Test").
            if (phrase.length() < 3 || Question.STOP.contains(phrase)) {
                return;
            }
            byPhrase.computeIfAbsent(phrase, k -> new LinkedHashSet<>()).add(id);
        }

        /** The people matched and everyone who goes by one of their names. */
        List<Entity> expand(Set<String> ids) {
            Set<String> all = new LinkedHashSet<>(ids);
            for (String id : ids) {
                Entity p = people.get(id);
                for (var n : byName.entrySet()) {
                    if (n.getValue().contains(id)) {
                        all.addAll(n.getValue());
                    }
                }
                if (p == null) {
                    continue;
                }
            }
            return all.stream()
                    .map(people::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
    }
}
