package dev.lightfast.store.answer;

import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.search.Embedder;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A small history in a real SQLite store for the answer tests: each step appends one event to the
 * log and applies the graph facts it states, as the graph projection would. The search index is
 * empty, so whatever an answer finds comes from the graph.
 */
final class SmallHistory implements AutoCloseable {
    static final TenantId T = TenantId.of("acme");
    static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    final SqliteStorage storage;
    private int n;

    SmallHistory(Path dir) {
        this.storage = SqliteStorage.open(dir);
    }

    /** The time of step {@code n}: an hour apart. */
    static Instant t(int n) {
        return T0.plusSeconds(n * 3600L);
    }

    static EntityRef ref(String kind, String key, String label) {
        return EntityRef.of(kind, key, label);
    }

    /** One event at step {@code step}, by {@code actor}, about {@code subject}, stating {@code facts}; its seq. */
    long at(int step, String title, EntityRef actor, EntityRef subject, GraphFact... facts) {
        n++;
        var draft = EventDraft.builder("tool", "tool.thing." + title.replaceAll("[^a-z]+", "_"))
                .occurredAt(t(step))
                .actor(actor)
                .subject(subject)
                .title(title)
                .attribute(
                        Event.LOCAL_TIME,
                        t(step).atOffset(ZoneOffset.ofHours(2)).toString())
                .idempotencyKey("k" + n)
                .build();
        var appended = storage.eventLog()
                .append(
                        T,
                        new IncomingDelivery(
                                "tool",
                                null,
                                "d" + n,
                                title,
                                Map.of(),
                                "{}".getBytes(StandardCharsets.UTF_8),
                                t(step),
                                List.of(draft)));
        Event e = appended.events().getFirst();
        storage.graph().apply(T, List.of(new GraphStore.Projected(e, List.of(facts))));
        return e.seq();
    }

    /** The event at {@code seq} as a search hit, scored {@code score}. */
    SearchHit hit(long seq, double score) {
        Event e = storage.eventLog()
                .read(T, dev.lightfast.core.event.EventQuery.all(1).after(seq - 1))
                .events()
                .getFirst();
        return new SearchHit(
                e.id(),
                e.seq(),
                e.source(),
                e.type(),
                e.title(),
                null,
                e.occurredAt(),
                e.url(),
                score,
                1,
                1,
                e.subjects().stream().map(EntityRef::key).toList(),
                List.of(dev.lightfast.core.event.Citation.of(e)));
    }

    Entity entity(EntityRef ref) {
        return storage.graph().entity(T, EntityIds.of(ref), AsOf.NOW).orElseThrow();
    }

    Answerer answerer() {
        return new Answerer(emptySearch(), storage.graph(), storage.eventLog());
    }

    /** Search over an empty index. */
    static Search emptySearch() {
        return search(q -> List.of());
    }

    /** Search whose index answers every query with {@code hits}' answer, best first. */
    static Search search(java.util.function.Function<SearchQuery, List<SearchHit>> hits) {
        SearchIndex empty = new SearchIndex() {
            public void index(TenantId tenant, List<Indexed> batch, List<Indexed> replacements) {}

            public boolean answered(TenantId tenant, String eventId) {
                return false;
            }

            public long checkpoint(TenantId tenant) {
                return 0;
            }

            public long written(TenantId tenant) {
                return 0;
            }

            public void refresh() {}

            public List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector) {
                return hits.apply(query);
            }

            public void reset(TenantId tenant) {}

            public void close() {}
        };
        Embedder none = new Embedder() {
            public String name() {
                return "none";
            }

            public int dimensions() {
                return 1;
            }

            public float[] embed(String text) {
                return new float[] {0};
            }

            public List<float[]> embedAll(List<String> texts) {
                return texts.stream().map(this::embed).toList();
            }
        };
        return new Search(empty, none);
    }

    @Override
    public void close() {
        storage.close();
    }
}
