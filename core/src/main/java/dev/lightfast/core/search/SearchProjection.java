package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Follows the log into the search index, with each event's vector on the way: the model is the
 * slow part, so it runs here in batches and never while a request waits. On a shared database
 * the vectors come from there ({@link SharedVectors}), each computed by one server.
 */
public final class SearchProjection implements Projection {
    private static final int BATCH = 512;
    private static final int CHUNK = 64;
    /** MiniLM reads 256 word pieces; longer text costs time and adds nothing to the vector. */
    private static final int MAX_EMBEDDED_CHARS = 600;
    /** Names {@link #embeddedText}'s rule; change it with the rule, so stored vectors are not reused. */
    public static final String EMBEDDED_TEXT = "topic+body/600";

    /**
     * While far behind, how often additions are made visible. Each refresh writes a segment, and
     * Lucene builds every segment's vector graph again when it merges them: refreshing every page
     * made a server joining with 100,000 events to read several times slower.
     */
    private static final long REFRESH_WHILE_BEHIND_NANOS = 5_000_000_000L;

    private final EventLog log;
    private final SearchIndex index;
    private final EventVectors vectors;
    private volatile long lastRefresh = System.nanoTime();

    /** Runs the model here for every event. */
    public SearchProjection(EventLog log, SearchIndex index, Embedder embedder) {
        this(log, index, EventVectors.embeddedBy(embedder));
    }

    public SearchProjection(EventLog log, SearchIndex index, EventVectors vectors) {
        this.log = log;
        this.index = index;
        this.vectors = vectors;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return index.checkpoint(tenant);
    }

    /**
     * Embeds and indexes the next page. The page is cut into chunks and the next chunk is embedded
     * while the current one is indexed: the model keeps every core busy and indexing (the vector
     * graph insertions) hides behind it instead of adding to it. Stops early when vectors are not to
     * be had yet (another server is computing them), answering what it indexed. Additions become
     * visible when the page reaches the end of the log, or every few seconds while far behind.
     */
    @Override
    public int catchUp(TenantId tenant) {
        var page = log.read(tenant, EventQuery.all(BATCH).after(index.written(tenant)));
        List<Event> events = page.events();
        if (events.isEmpty()) {
            if (index.written(tenant) > index.checkpoint(tenant)) {
                refresh(); // caught up: what the last full pages added becomes visible
            }
            return 0;
        }
        List<List<Event>> chunks = new ArrayList<>();
        for (int i = 0; i < events.size(); i += CHUNK) {
            chunks.add(events.subList(i, Math.min(events.size(), i + CHUNK)));
        }
        CompletableFuture<Optional<List<float[]>>> next = vectorsAsync(tenant, chunks.getFirst());
        int indexed = 0;
        for (int c = 0; c < chunks.size(); c++) {
            Optional<List<float[]>> chunkVectors = next.join();
            if (chunkVectors.isEmpty()) {
                break;
            }
            if (c + 1 < chunks.size()) {
                next = vectorsAsync(tenant, chunks.get(c + 1));
            }
            List<Event> chunk = chunks.get(c);
            List<SearchIndex.Indexed> batch = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                batch.add(
                        new SearchIndex.Indexed(chunk.get(i), chunkVectors.get().get(i)));
            }
            index.index(tenant, batch);
            indexed += chunk.size();
        }
        // A page that was not full reached the end of the log: show it now. While further behind,
        // show progress every few seconds rather than after every page.
        if (indexed > 0
                && (!page.hasMore()
                        || indexed < events.size()
                        || System.nanoTime() - lastRefresh >= REFRESH_WHILE_BEHIND_NANOS)) {
            refresh();
        }
        return indexed;
    }

    private void refresh() {
        index.refresh();
        lastRefresh = System.nanoTime();
    }

    private CompletableFuture<Optional<List<float[]>>> vectorsAsync(TenantId tenant, List<Event> chunk) {
        return CompletableFuture.supplyAsync(() -> vectors.of(tenant, chunk), Thread::startVirtualThread);
    }

    @Override
    public void reset(TenantId tenant) {
        index.reset(tenant);
    }

    /** What the vector stands for: the title says what happened, the body's start says about what. */
    public static String embeddedText(Event e) {
        // "alice opened pull request #12 in o/r: Fix the retry loop" — the part after the colon is
        // what the event is about; the prefix is shared by every event of its kind and would pull
        // vectors together by kind rather than by topic.
        String title = e.title();
        int colon = title.indexOf(": ");
        if (colon > 0 && colon < title.length() - 2) {
            title = title.substring(colon + 2);
        }
        String text = e.body() == null || e.body().isBlank() ? title : title + "\n" + e.body();
        return text.length() <= MAX_EMBEDDED_CHARS ? text : text.substring(0, MAX_EMBEDDED_CHARS);
    }
}
