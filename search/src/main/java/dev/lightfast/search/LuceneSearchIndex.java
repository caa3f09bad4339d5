package dev.lightfast.search;

import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchProjection;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import tools.jackson.core.type.TypeReference;

/**
 * One Lucene index beside the database holding every tenant's events: one analysed text per event
 * for BM25 (its title, body, the messages it answers and is answered by, and its date in words),
 * its title again for a boost, exact identifiers (SHAs, keys, numbers) for keyword lookups, and a
 * sentence-model vector for HNSW search. Every query carries a tenant filter clause, built here and
 * nowhere else.
 *
 * <p>Each tenant's checkpoint is stored in the commit's user data, so documents and checkpoint are
 * durable together: after a crash the projector re-indexes exactly what the last commit lacks.
 * Commits are batched in time; searches see new documents as soon as the reader is refreshed.
 */
public final class LuceneSearchIndex implements SearchIndex {
    /** How many candidates each retriever contributes to fusion. */
    static final int CANDIDATES = 50;
    /** Reciprocal rank fusion constant, the value from Cormack et al. that most systems keep. */
    static final int RRF_K = 60;
    /**
     * The keyword share of a fused score, measured on the demo questions and the LoCoMo
     * conversations (docs/decisions/0013): 0.6 was best on both.
     */
    static final double KEYWORD_WEIGHT = 0.6;
    /**
     * BM25 with less term-frequency saturation (k1 0.9, Lucene's default 1.2) and less length
     * normalisation (b 0.6, default 0.75). A message is short and is searched with its exchange,
     * so its length says more about how chatty the exchange was than about how much it is about the
     * question, and a word said three times in an exchange is not three times the evidence. Measured
     * on both datasets (docs/decisions/0013, addendum): k1 0.6-0.9 and b 0.4-0.6 are a plateau;
     * 1.6 or 0.3 lose. Norms are encoded the same for any k1 and b, so an index needs no rebuild.
     */
    static final Similarity SIMILARITY = new BM25Similarity(0.9f, 0.6f);
    /** A word in the title counts this much more than elsewhere in the event's text. */
    static final float TITLE_BOOST = 2f;
    /**
     * What the documents hold and how they are analysed. Stored with every commit beside the
     * embedding model's name: an index made another way is emptied on open and rebuilt from the log.
     */
    public static final String SCHEMA = "text+title+ids+causes/2";
    /**
     * How often indexing progress is made durable. Each commit writes a segment (merged later, its
     * vector graph rebuilt), and what a crash loses is only re-read from the log.
     */
    private static final long COMMIT_INTERVAL_NANOS = 5_000_000_000L;

    private static final int SNIPPET = 240;
    private static final String CHECKPOINT_PREFIX = "checkpoint:";
    private static final String DERIVATION = "derivation";
    private static final System.Logger LOG = System.getLogger(LuceneSearchIndex.class.getName());
    /** An event's date in the words people ask with: "8 May 2023". */
    private static final DateTimeFormatter DATE_WORDS = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private static final double DEFAULT_RAM_BUFFER_MB = 128;

    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    /**
     * Questions are full of words every event shares or none does ("who", "which", "did"): the
     * query side drops them, the index keeps Lucene's usual English stop words only.
     */
    private final Analyzer queryAnalyzer = new EnglishAnalyzer(questionStopWords());

    /**
     * How keyword and vector candidates are combined in hybrid mode. {@link #SCORES} is the default:
     * on the demo's labelled questions it beats BM25 alone and vectors alone on recall@5, recall@10
     * and MRR, where plain RRF fell below BM25 (docs/decisions/0008).
     */
    public enum Fusion {
        /** Reciprocal rank fusion: 1/(60 + rank) summed over the two lists. */
        RRF,
        /** 0.6 x the keyword score scaled by the best keyword hit, plus 0.4 x the cosine similarity. */
        SCORES
    }

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Per tenant: the last seq searches can see, and the last seq written (not yet visible). */
    private final Map<String, Long> checkpoints = new ConcurrentHashMap<>();

    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private long lastCommit = System.nanoTime();
    private boolean dirty;
    private final String derivation;

    private LuceneSearchIndex(Directory directory, double ramBufferMb, String derivation) throws IOException {
        this.directory = directory;
        var config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(ramBufferMb);
        config.setSimilarity(SIMILARITY);
        this.writer = new IndexWriter(directory, config);
        this.derivation = derivation;
        var committed = writer.getLiveCommitData();
        String built = null;
        if (committed != null) {
            for (var entry : committed) {
                if (entry.getKey().equals(DERIVATION)) {
                    built = entry.getValue();
                }
            }
        }
        if (!derivation.equals(built) && writer.getDocStats().numDocs > 0) {
            // Made by another model, text rule or schema: searching it would mix two kinds of
            // vectors or miss fields. Empty it; with no checkpoints the projection rebuilds it.
            LOG.log(
                    System.Logger.Level.INFO,
                    "The search index was built as [{0}], this build makes [{1}]: rebuilding it from the log",
                    built,
                    derivation);
            writer.deleteAll();
            committed = null;
            dirty = true;
            maybeCommit(true);
        }
        if (committed != null) {
            for (var entry : committed) {
                if (entry.getKey().startsWith(CHECKPOINT_PREFIX)) {
                    String tenant = entry.getKey().substring(CHECKPOINT_PREFIX.length());
                    checkpoints.put(tenant, Long.parseLong(entry.getValue()));
                    written.put(tenant, Long.parseLong(entry.getValue()));
                }
            }
        }
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                var searcher = new IndexSearcher(reader);
                searcher.setSimilarity(SIMILARITY);
                return searcher;
            }
        });
    }

    /** Opens (creating if needed) the index in {@code dir}. */
    public static LuceneSearchIndex open(Path dir) {
        return open(dir, DEFAULT_RAM_BUFFER_MB);
    }

    /**
     * Opens with a given indexing buffer: bigger buffers mean fewer, larger segments, which matters
     * for bulk loads because merging vector graphs is the expensive part of indexing.
     */
    public static LuceneSearchIndex open(Path dir, double ramBufferMb) {
        return open(dir, ramBufferMb, "");
    }

    /**
     * Opens the index for vectors made as {@code vectors} says (the model's name and its text
     * rule): an index built with other vectors, or by another {@link #SCHEMA}, is emptied, so that
     * the projection rebuilds it from the log.
     */
    public static LuceneSearchIndex open(Path dir, String vectors) {
        return open(dir, DEFAULT_RAM_BUFFER_MB, vectors);
    }

    private static LuceneSearchIndex open(Path dir, double ramBufferMb, String vectors) {
        try {
            return new LuceneSearchIndex(
                    OwnerOnlyDirectory.of(FSDirectory.open(dir)), ramBufferMb, SCHEMA + "|" + vectors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir.toAbsolutePath(), e);
        }
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void index(TenantId tenant, List<Indexed> batch, List<Indexed> replacements) {
        synchronized (writeLock) {
            long last = written.getOrDefault(tenant.value(), 0L);
            List<Document> docs = new ArrayList<>(batch.size());
            for (Indexed item : batch) {
                if (item.event().seq() <= last) {
                    continue;
                }
                docs.add(document(tenant, item.event(), item.vector(), item.context()));
                last = item.event().seq();
            }
            if (docs.isEmpty() && replacements.isEmpty()) {
                return;
            }
            try {
                writer.addDocuments(docs);
                for (Indexed item : replacements) {
                    if (item.event().seq() > last) {
                        continue; // not indexed: nothing to replace
                    }
                    writer.deleteDocuments(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term("tenant", tenant.value())), Occur.FILTER)
                            .add(new TermQuery(new Term("id", item.event().id())), Occur.FILTER)
                            .build());
                    writer.addDocument(document(tenant, item.event(), item.vector(), item.context()));
                }
                written.put(tenant.value(), last);
                dirty = true;
                maybeCommit(false);
            } catch (IOException e) {
                throw new UncheckedIOException("indexing failed", e);
            }
        }
    }

    /**
     * Makes what was indexed visible to searches and moves the checkpoints with it. Reopening the
     * reader flushes a segment, so it is done once per projection batch, not per document.
     */
    @Override
    public void refresh() {
        synchronized (writeLock) {
            try {
                searchers.maybeRefreshBlocking();
                checkpoints.putAll(written);
            } catch (IOException e) {
                throw new UncheckedIOException("refreshing the index failed", e);
            }
        }
    }

    private static Document document(TenantId tenant, Event e, float[] vector, String context) {
        var doc = new Document();
        doc.add(new StringField("tenant", tenant.value(), Field.Store.NO));
        doc.add(new StringField("id", e.id(), Field.Store.YES));
        doc.add(new LongPoint("seq", e.seq()));
        doc.add(new StoredField("seq", e.seq()));
        doc.add(new StringField("source", e.source(), Field.Store.YES));
        doc.add(new StringField("type", e.type(), Field.Store.YES));
        long occurred = e.occurredAt().toEpochMilli();
        doc.add(new LongPoint("occurred", occurred));
        doc.add(new StoredField("occurred", occurred));
        String body = e.body() == null ? "" : e.body();
        doc.add(new StoredField("title", e.title()));
        doc.add(new StoredField("body", body));
        String title = searchedTitle(e.title(), body);
        doc.add(new TextField("title", title, Field.Store.NO));
        // One field for all of an event's words: BM25 then saturates over the whole exchange, where
        // a field per part (body, context, date) counted a word found in each part again.
        var text = new StringBuilder(title).append('\n').append(body);
        if (context != null) {
            text.append('\n').append(context);
        }
        text.append('\n').append(DATE_WORDS.format(e.occurredAt().atZone(ZoneOffset.UTC)));
        doc.add(new TextField("text", text.toString(), Field.Store.NO));
        if (e.causes() != null) {
            for (String cause : e.causes()) {
                doc.add(new StringField("causes", cause, Field.Store.NO));
            }
        }
        if (e.url() != null) {
            doc.add(new StoredField("url", e.url()));
        }
        if (e.actor() != null) {
            doc.add(new StringField("actor", e.actor().key(), Field.Store.NO));
            doc.add(new StringField("actor", EntityIds.of(e.actor()), Field.Store.NO));
        }
        Set<String> ids = new LinkedHashSet<>();
        ids.add(e.type().toLowerCase(Locale.ROOT));
        if (e.actor() != null) {
            addIdentifiers(ids, e.actor());
        }
        List<String> subjectKeys = new ArrayList<>();
        for (EntityRef s : e.subjects()) {
            doc.add(new StringField("entity", s.key(), Field.Store.NO));
            doc.add(new StringField("entity", EntityIds.of(s), Field.Store.NO));
            subjectKeys.add(s.key());
            addIdentifiers(ids, s);
        }
        doc.add(new StoredField("subjects", Json.MAPPER.writeValueAsString(subjectKeys)));
        for (String id : ids) {
            doc.add(new StringField("ids", id, Field.Store.NO));
        }
        if (vector != null) {
            doc.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    /**
     * The title as searched. A chat message's title ("Caroline: I went to a support group...")
     * quotes the start of its body; searched as well, the quote counted those words twice and, in a
     * short title, made every short message of that person match her name best. Only the part
     * before the quote is searched then (the body holds the rest); other titles are searched whole.
     */
    static String searchedTitle(String title, String body) {
        int colon = title.indexOf(": ");
        if (colon > 0 && colon < title.length() - 2 && SearchProjection.quotes(title.substring(colon + 2), body)) {
            return title.substring(0, colon);
        }
        return title;
    }

    /** The exact strings a person types to find a thing: a SHA or its prefix, #12, a login, a key. */
    private static void addIdentifiers(Set<String> ids, EntityRef ref) {
        String key = ref.key().toLowerCase(Locale.ROOT);
        ids.add(key);
        int colon = key.indexOf(':');
        if (colon > 0) {
            ids.add(key.substring(colon + 1));
        }
        if (ref.label() != null) {
            String label = ref.label().toLowerCase(Locale.ROOT);
            ids.add(label);
            int hash = label.lastIndexOf('#');
            if (hash >= 0) {
                ids.add(label.substring(hash));
            }
        }
        if ("commit".equals(ref.kind()) && key.startsWith("git:")) {
            String sha = key.substring(4);
            ids.add(sha);
            if (sha.length() > 7) {
                ids.add(sha.substring(0, 7));
            }
        }
    }

    private void maybeCommit(boolean force) throws IOException {
        if (!dirty || (!force && System.nanoTime() - lastCommit < COMMIT_INTERVAL_NANOS)) {
            return;
        }
        Map<String, String> data = new HashMap<>();
        data.put(DERIVATION, derivation);
        written.forEach((t, seq) -> data.put(CHECKPOINT_PREFIX + t, Long.toString(seq)));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        lastCommit = System.nanoTime();
        dirty = false;
    }

    /** Makes everything indexed so far durable now (tests, shutdown, the end of a rebuild). */
    public void commit() {
        synchronized (writeLock) {
            try {
                maybeCommit(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean answered(TenantId tenant, String eventId) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(new BooleanQuery.Builder()
                                .add(new TermQuery(new Term("tenant", tenant.value())), Occur.FILTER)
                                .add(new TermQuery(new Term("causes", eventId)), Occur.FILTER)
                                .build())
                        > 0;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    @Override
    public long written(TenantId tenant) {
        return written.getOrDefault(tenant.value(), 0L);
    }

    @Override
    public long checkpoint(TenantId tenant) {
        return checkpoints.getOrDefault(tenant.value(), 0L);
    }

    @Override
    public void reset(TenantId tenant) {
        synchronized (writeLock) {
            try {
                writer.deleteDocuments(new Term("tenant", tenant.value()));
                checkpoints.remove(tenant.value());
                written.remove(tenant.value());
                dirty = true;
                maybeCommit(true);
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("resetting the index failed", e);
            }
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector) {
        return search(tenant, query, queryVector, Fusion.SCORES);
    }

    /** The same search with a chosen fusion, to measure one against the other (the evaluation does). */
    public List<SearchHit> search(TenantId tenant, SearchQuery query, float[] queryVector, Fusion fusion) {
        if (query.mode() != SearchMode.KEYWORD && queryVector == null) {
            throw new IllegalArgumentException(query.mode() + " search needs a query vector");
        }
        Query filter = filter(tenant, query);
        int candidates = Math.max(CANDIDATES, query.limit());
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                var ties = new TieBreak(searcher);
                List<ScoreDoc> keyword = query.mode() == SearchMode.VECTOR
                        ? List.of()
                        : ties.rank(searcher.search(keywordQuery(query.text(), filter), candidates).scoreDocs);
                List<ScoreDoc> vector = query.mode() == SearchMode.KEYWORD
                        ? List.of()
                        : ties.rank(searcher.search(
                                        new KnnFloatVectorQuery("vector", queryVector, candidates, filter), candidates)
                                .scoreDocs);
                return fuse(searcher, query, queryVector, keyword, vector, fusion, ties);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** The tenant clause is always there; every other filter is optional. */
    private static Query filter(TenantId tenant, SearchQuery q) {
        var b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term("tenant", tenant.value())), Occur.FILTER);
        if (q.source() != null) {
            b.add(new TermQuery(new Term("source", q.source())), Occur.FILTER);
        }
        if (q.type() != null) {
            b.add(
                    q.type().endsWith(".*")
                            ? new PrefixQuery(new Term(
                                    "type", q.type().substring(0, q.type().length() - 1)))
                            : new TermQuery(new Term("type", q.type())),
                    Occur.FILTER);
        }
        if (q.actor() != null) {
            b.add(new TermQuery(new Term("actor", q.actor())), Occur.FILTER);
        }
        if (q.entity() != null) {
            b.add(new TermQuery(new Term("entity", q.entity())), Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery("occurred", from, to), Occur.FILTER);
        }
        if (q.asOfSeq() != null) {
            b.add(LongPoint.newRangeQuery("seq", Long.MIN_VALUE, q.asOfSeq()), Occur.FILTER);
        }
        return b.build();
    }

    /**
     * The distinct terms (and identifiers) a keyword search uses, at most. Each term is a clause in
     * the title and the body, each identifier one more, and Lucene refuses a query of more than
     * {@link IndexSearcher#getMaxClauseCount()} clauses in all: a 2,000-character query of 400
     * different words would be an error instead of an answer. The first ones, repeats dropped, are
     * kept; the meaning search still reads the whole text.
     */
    static final int MAX_KEYWORD_TERMS = 64;

    private Query keywordQuery(String text, Query filter) {
        var words = new BooleanQuery.Builder();
        List<String> terms = terms(text);
        if (!terms.isEmpty()) {
            words.add(anyOf("text", terms), Occur.SHOULD);
            words.add(new BoostQuery(anyOf("title", terms), TITLE_BOOST), Occur.SHOULD);
        }
        var ids = new java.util.LinkedHashSet<String>();
        for (String token : text.toLowerCase(Locale.ROOT).split("[\\s,;()\"'?!]+")) {
            String t = token.replaceAll("^[.:]+|[.:]+$", "");
            if (t.length() >= 2 && ids.size() < MAX_KEYWORD_TERMS) {
                ids.add(t);
            }
        }
        for (String t : ids) {
            words.add(new BoostQuery(new TermQuery(new Term("ids", t)), 3f), Occur.SHOULD);
        }
        return new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(filter, Occur.FILTER)
                .build();
    }

    /** The text's terms as the query analyzer makes them, each once, at most {@link #MAX_KEYWORD_TERMS}. */
    private List<String> terms(String text) {
        var terms = new java.util.LinkedHashSet<String>();
        try (var tokens = queryAnalyzer.tokenStream("text", text)) {
            var term = tokens.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (terms.size() < MAX_KEYWORD_TERMS) {
                    terms.add(term.toString());
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing the query failed", e);
        }
        return List.copyOf(terms);
    }

    /** Any of the terms in the field, each a clause. */
    private static Query anyOf(String field, List<String> terms) {
        if (terms.size() == 1) {
            return new TermQuery(new Term(field, terms.getFirst()));
        }
        var any = new BooleanQuery.Builder();
        for (String t : terms) {
            any.add(new TermQuery(new Term(field, t)), Occur.SHOULD);
        }
        return any.build();
    }

    /** Combines the two candidate lists; each hit remembers its rank in each. */
    private List<SearchHit> fuse(
            IndexSearcher searcher,
            SearchQuery query,
            float[] queryVector,
            List<ScoreDoc> keyword,
            List<ScoreDoc> vector,
            Fusion fusion,
            TieBreak ties)
            throws IOException {
        Map<Integer, double[]> fused = new LinkedHashMap<>(); // doc -> score, keywordRank, vectorRank
        if (fusion == Fusion.SCORES && !keyword.isEmpty() && !vector.isEmpty()) {
            return hits(searcher, query, scoreFusion(searcher, queryVector, keyword, vector), ties);
        }
        for (int i = 0; i < keyword.size(); i++) {
            fused.computeIfAbsent(keyword.get(i).doc, d -> new double[] {0, 0, 0});
            double[] s = fused.get(keyword.get(i).doc);
            s[0] += 1.0 / (RRF_K + i + 1);
            s[1] = i + 1;
        }
        for (int i = 0; i < vector.size(); i++) {
            fused.computeIfAbsent(vector.get(i).doc, d -> new double[] {0, 0, 0});
            double[] s = fused.get(vector.get(i).doc);
            s[0] += 1.0 / (RRF_K + i + 1);
            s[2] = i + 1;
        }
        return hits(searcher, query, fused, ties);
    }

    /**
     * A convex combination over the union of both candidate lists: the keyword score scaled by the
     * best keyword hit, and the cosine similarity to the query, computed for every candidate (not
     * only those the vector search returned, which would favour documents found both ways).
     */
    private Map<Integer, double[]> scoreFusion(
            IndexSearcher searcher, float[] queryVector, List<ScoreDoc> keyword, List<ScoreDoc> vector)
            throws IOException {
        Map<Integer, double[]> fused = new LinkedHashMap<>();
        float bestKeyword = Math.max(keyword.getFirst().score, 1e-6f);
        for (int i = 0; i < keyword.size(); i++) {
            fused.put(keyword.get(i).doc, new double[] {KEYWORD_WEIGHT * keyword.get(i).score / bestKeyword, i + 1, 0});
        }
        for (int i = 0; i < vector.size(); i++) {
            fused.computeIfAbsent(vector.get(i).doc, d -> new double[] {0, 0, 0})[2] = i + 1;
        }
        var leaves = searcher.getIndexReader().leaves();
        for (var entry : fused.entrySet()) {
            var leaf = leaves.get(ReaderUtil.subIndex(entry.getKey(), leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
            if (values == null) {
                continue;
            }
            var scorer = values.scorer(queryVector);
            int target = entry.getKey() - leaf.docBase;
            if (scorer != null && scorer.iterator().advance(target) == target) {
                // Lucene reports cosine similarity as (1 + cos) / 2.
                entry.getValue()[0] += (1 - KEYWORD_WEIGHT) * (2 * scorer.score() - 1);
            }
        }
        return fused;
    }

    private List<SearchHit> hits(IndexSearcher searcher, SearchQuery query, Map<Integer, double[]> fused, TieBreak ties)
            throws IOException {
        var ranked = new ArrayList<>(fused.entrySet());
        ranked.sort((a, b) -> {
            int order = Double.compare(b.getValue()[0], a.getValue()[0]);
            return order != 0 ? order : ties.compare(a.getKey(), b.getKey());
        });
        StoredFields stored = searcher.storedFields();
        List<String> words = queryWords(query.text());
        List<SearchHit> hits = new ArrayList<>();
        for (var entry : ranked.subList(0, Math.min(query.limit(), ranked.size()))) {
            Document d = stored.document(entry.getKey());
            double[] s = entry.getValue();
            String id = d.get("id");
            long seq = d.getField("seq").numericValue().longValue();
            String type = d.get("type");
            String url = d.get("url");
            Instant occurred =
                    Instant.ofEpochMilli(d.getField("occurred").numericValue().longValue());
            hits.add(new SearchHit(
                    id,
                    seq,
                    d.get("source"),
                    type,
                    d.get("title"),
                    snippet(d.get("body"), words),
                    occurred,
                    url,
                    s[0],
                    s[1] == 0 ? null : (int) s[1],
                    s[2] == 0 ? null : (int) s[2],
                    Json.MAPPER.readValue(d.get("subjects"), new TypeReference<List<String>>() {}),
                    List.of(new Citation(id, seq, type, url, occurred))));
        }
        return hits;
    }

    /**
     * Orders candidates whose scores are equal by seq, oldest first, rather than by Lucene's doc id.
     * Doc ids follow the index's segment merges, which differ between indexes built separately from
     * the same log (on PostgreSQL each server keeps its own), so ordering ties by doc id listed the
     * same hits in a different order on each server. Seqs are read only for candidates that tie.
     * (Which documents make the candidate lists at all is still Lucene's cut, by doc id among those
     * tied at the last place.)
     */
    private static final class TieBreak {
        private final StoredFields stored;
        private final Map<Integer, Long> seqs = new HashMap<>();

        TieBreak(IndexSearcher searcher) throws IOException {
            this.stored = searcher.storedFields();
        }

        /** A retriever's candidates, best first, ties by seq. */
        List<ScoreDoc> rank(ScoreDoc[] candidates) {
            var ranked = new ArrayList<>(List.of(candidates));
            ranked.sort((a, b) -> {
                int order = Float.compare(b.score, a.score);
                return order != 0 ? order : compare(a.doc, b.doc);
            });
            return ranked;
        }

        int compare(int docA, int docB) {
            return docA == docB ? 0 : Long.compare(seq(docA), seq(docB));
        }

        private long seq(int doc) {
            return seqs.computeIfAbsent(doc, d -> {
                try {
                    return stored.document(d, Set.of("seq"))
                            .getField("seq")
                            .numericValue()
                            .longValue();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading a candidate's seq failed", e);
                }
            });
        }
    }

    private static List<String> queryWords(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (w.length() >= 3) {
                words.add(w);
            }
        }
        return words;
    }

    /** The part of the body around the first query word, so a reader sees why it matched. */
    static String snippet(String body, List<String> words) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String lower = body.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String w : words) {
            int i = lower.indexOf(w);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        int start = at < 0 ? 0 : Math.max(0, at - SNIPPET / 3);
        int end = Math.min(body.length(), start + SNIPPET);
        return (start > 0 ? "…" : "") + body.substring(start, end).strip() + (end < body.length() ? "…" : "");
    }

    /** Scores scaled to [0, 1] within their own list: the best candidate 1, the weakest 0. */
    private static double[] minMax(List<ScoreDoc> docs) {
        double[] out = new double[docs.size()];
        if (docs.isEmpty()) {
            return out;
        }
        double max = docs.getFirst().score;
        double min = docs.getLast().score;
        for (int i = 0; i < out.length; i++) {
            out[i] = max > min ? (docs.get(i).score - min) / (max - min) : 1;
        }
        return out;
    }

    private static org.apache.lucene.analysis.CharArraySet questionStopWords() {
        var words = new org.apache.lucene.analysis.CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(List.of(
                "who",
                "whom",
                "whose",
                "what",
                "which",
                "when",
                "where",
                "why",
                "how",
                "did",
                "does",
                "do",
                "has",
                "have",
                "had",
                "were",
                "been",
                "being",
                "any",
                "anyone",
                "someone",
                "our",
                "we",
                "us",
                "i",
                "me",
                "my",
                "tell",
                "show",
                "find",
                "list",
                "about",
                "from",
                "after",
                "before",
                "last",
                "week",
                "recently",
                "currently"));
        return words;
    }

    /** Bytes on disk, for the benchmark's report. */
    public long sizeOnDisk() {
        try {
            long total = 0;
            for (String file : directory.listAll()) {
                total += directory.fileLength(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                maybeCommit(true);
                searchers.close();
                writer.close();
                directory.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the search index failed", e);
            }
        }
    }
}
