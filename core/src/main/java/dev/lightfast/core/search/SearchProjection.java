package dev.lightfast.core.search;

import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.Projection;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Follows the log into the search index, with each event's vector on the way: the model is the
 * slow part, so it runs here in batches and never while a request waits. On a shared database
 * the vectors come from there ({@link SharedVectors}), each computed by one server.
 *
 * <p>A message is indexed with its exchange: the text of the event it follows from ({@code
 * causes}: the message it answers) and, once it arrives, of its first reply. "5 years already!" is
 * found by the question it answers, and "How long have you been married?" by its answer. Both come
 * from the log alone, so a rebuild indexes the same text: when a first reply arrives, the message
 * it answers is indexed again with it.
 */
public final class SearchProjection implements Projection {
    private static final int BATCH = 512;
    private static final int CHUNK = 64;
    /** MiniLM reads 256 word pieces; longer text costs time and adds nothing to the vector. */
    private static final int MAX_EMBEDDED_CHARS = 600;
    /** How much of the message an event answers, and of its reply, goes into its vector. */
    private static final int MAX_EMBEDDED_NEIGHBOUR_CHARS = 300;
    /** How many of an event's causes lend it their text. */
    private static final int MAX_CAUSES = 3;

    private static final int MAX_CONTEXT_CHARS = 2_000;
    /** Names {@link #embeddedText}'s rule; change it with the rule, so stored vectors are not reused. */
    public static final String EMBEDDED_TEXT = "cause/300+actor+topic+body/600+reply/300";

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
    /**
     * Events answered since the last refresh, per tenant: the index answers for what searches can
     * see, this for what was written after. Only the projection's one thread touches it.
     */
    private final Map<TenantId, Set<String>> answeredSinceRefresh = new HashMap<>();

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
        Map<String, Event> known = new HashMap<>();
        for (Event e : events) {
            known.put(e.id(), e);
        }
        List<List<Event>> chunks = new ArrayList<>();
        for (int i = 0; i < events.size(); i += CHUNK) {
            chunks.add(events.subList(i, Math.min(events.size(), i + CHUNK)));
        }
        CompletableFuture<Optional<List<float[]>>> next = vectorsAsync(tenant, chunks.getFirst(), known);
        int indexed = 0;
        for (int c = 0; c < chunks.size(); c++) {
            Optional<List<float[]>> chunkVectors = next.join();
            if (chunkVectors.isEmpty()) {
                break;
            }
            if (c + 1 < chunks.size()) {
                next = vectorsAsync(tenant, chunks.get(c + 1), known);
            }
            List<Event> chunk = chunks.get(c);
            Optional<List<SearchIndex.Indexed>> answered = answeredMessages(tenant, chunk, known);
            if (answered.isEmpty()) {
                break;
            }
            List<SearchIndex.Indexed> batch = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Event e = chunk.get(i);
                batch.add(
                        new SearchIndex.Indexed(e, chunkVectors.get().get(i), context(causes(tenant, e, known), null)));
            }
            index.index(tenant, batch, answered.get());
            for (var message : answered.get()) {
                answeredSinceRefresh
                        .computeIfAbsent(tenant, t -> new HashSet<>())
                        .add(message.event().id());
            }
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

    /**
     * The messages that an event of {@code chunk} is the first to answer, ready to be indexed again
     * with that reply's text; empty when their vectors are not to be had yet (another server is
     * computing them), in which case the chunk waits too. Their vectors were made when they were
     * first indexed: on a shared database they are read back, embedded they are computed again.
     */
    private Optional<List<SearchIndex.Indexed>> answeredMessages(
            TenantId tenant, List<Event> chunk, Map<String, Event> known) {
        Map<String, Event> firstReplies = new LinkedHashMap<>();
        Set<String> answered = answeredSinceRefresh.getOrDefault(tenant, Set.of());
        for (Event reply : chunk) {
            for (Event cause : causes(tenant, reply, known)) {
                if (cause.seq() < reply.seq()
                        && !answered.contains(cause.id())
                        && !firstReplies.containsKey(cause.id())
                        && !index.answered(tenant, cause.id())) {
                    firstReplies.put(cause.id(), reply);
                }
            }
        }
        if (firstReplies.isEmpty()) {
            return Optional.of(List.of());
        }
        List<Event> messages = new ArrayList<>();
        for (String id : firstReplies.keySet()) {
            messages.add(known.get(id));
        }
        List<String> texts = new ArrayList<>();
        for (Event message : messages) {
            List<Event> causes = causes(tenant, message, known);
            texts.add(
                    embeddedText(causes.isEmpty() ? null : causes.getFirst(), message, firstReplies.get(message.id())));
        }
        Optional<List<float[]>> messageVectors = vectors.ofAnswered(tenant, messages, texts);
        if (messageVectors.isEmpty()) {
            return Optional.empty();
        }
        List<SearchIndex.Indexed> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Event message = messages.get(i);
            out.add(new SearchIndex.Indexed(
                    message,
                    messageVectors.get().get(i),
                    context(causes(tenant, message, known), firstReplies.get(message.id()))));
        }
        return Optional.of(out);
    }

    /** The events {@code e} follows from that are in the log, at most {@link #MAX_CAUSES}. */
    private List<Event> causes(TenantId tenant, Event e, Map<String, Event> known) {
        if (e.causes() == null || e.causes().isEmpty()) {
            return List.of();
        }
        List<Event> out = new ArrayList<>();
        for (String id : e.causes().subList(0, Math.min(MAX_CAUSES, e.causes().size()))) {
            Event cause = known.get(id);
            if (cause == null) {
                cause = log.find(tenant, id).orElse(null);
                if (cause != null) {
                    known.put(id, cause);
                }
            }
            if (cause != null) {
                out.add(cause);
            }
        }
        return out;
    }

    /** The text searched with an event besides its own: what it answers and its first reply. */
    private static String context(List<Event> causes, Event reply) {
        var text = new StringBuilder();
        for (Event cause : causes) {
            append(text, cause);
        }
        if (reply != null) {
            append(text, reply);
        }
        return text.isEmpty() ? null : text.substring(0, Math.min(text.length(), MAX_CONTEXT_CHARS));
    }

    private static void append(StringBuilder text, Event e) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(e.title());
        if (e.body() != null && !e.body().isBlank()) {
            text.append('\n').append(e.body());
        }
    }

    private List<String> texts(TenantId tenant, List<Event> events, Map<String, Event> known) {
        List<String> texts = new ArrayList<>(events.size());
        for (Event e : events) {
            List<Event> causes = causes(tenant, e, known);
            texts.add(embeddedText(causes.isEmpty() ? null : causes.getFirst(), e, null));
        }
        return texts;
    }

    private void refresh() {
        index.refresh();
        answeredSinceRefresh.clear();
        lastRefresh = System.nanoTime();
    }

    private CompletableFuture<Optional<List<float[]>>> vectorsAsync(
            TenantId tenant, List<Event> chunk, Map<String, Event> known) {
        List<String> texts = texts(tenant, chunk, known);
        return CompletableFuture.supplyAsync(() -> vectors.of(tenant, chunk, texts), Thread::startVirtualThread);
    }

    @Override
    public void reset(TenantId tenant) {
        index.reset(tenant);
        answeredSinceRefresh.remove(tenant);
    }

    /** What the vector of an event that answers nothing, and is not answered, stands for. */
    public static String embeddedText(Event e) {
        return embeddedText(null, e, null);
    }

    /**
     * What the vector stands for: who wrote it and what it is about (the title says what happened,
     * the body's start says about what), between the start of the message it answers and the start
     * of its first reply, when there are such.
     */
    public static String embeddedText(Event cause, Event e, Event reply) {
        String own = withAuthor(e);
        if (own.length() > MAX_EMBEDDED_CHARS) {
            own = own.substring(0, MAX_EMBEDDED_CHARS);
        }
        if (cause == null && reply == null) {
            return own;
        }
        var text = new StringBuilder();
        if (cause != null) {
            text.append(excerpt(withAuthor(cause))).append('\n');
        }
        text.append(own);
        if (reply != null) {
            text.append('\n').append(excerpt(withAuthor(reply)));
        }
        return text.toString();
    }

    private static String excerpt(String text) {
        return text.length() <= MAX_EMBEDDED_NEIGHBOUR_CHARS ? text : text.substring(0, MAX_EMBEDDED_NEIGHBOUR_CHARS);
    }

    private static String withAuthor(Event e) {
        // "alice opened pull request #12 in o/r: Fix the retry loop" — the part after the colon is
        // what the event is about; the prefix is shared by every event of its kind and would pull
        // vectors together by kind rather than by topic. The author's name is kept: questions name
        // people ("what did Caroline research?") and a message rarely names its own author.
        String title = e.title();
        int colon = title.indexOf(": ");
        if (colon > 0 && colon < title.length() - 2) {
            title = title.substring(colon + 2);
        }
        String text = e.body() == null || e.body().isBlank()
                ? title
                : quotes(title, e.body()) ? e.body() : title + "\n" + e.body();
        String author = e.actor() == null ? null : e.actor().label();
        return author == null || author.isBlank() ? text : author + ": " + text;
    }

    /** Whether a title's text only quotes the start of the body (a chat message's title does). */
    public static boolean quotes(String titleText, String body) {
        String quote = titleText.endsWith("…") ? titleText.substring(0, titleText.length() - 1) : titleText;
        quote = quote.strip();
        return !quote.isEmpty() && body.strip().startsWith(quote);
    }
}
