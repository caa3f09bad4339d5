package dev.lightfast.bench.locomo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The baseline: BM25 over each turn's words (text and image caption), split and lower-cased with
 * English stop words dropped, nothing else — no stemming, no speaker, no date, no vectors. It is
 * what a thirty-line script gets, so the product's search is measured against something plain.
 */
final class PlainBm25 implements AutoCloseable {
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final StandardAnalyzer analyzer = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    PlainBm25(LocomoConversation conversation) {
        try (var writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (var placed : conversation.turns()) {
                var turn = placed.turn();
                var doc = new Document();
                doc.add(new StoredField("dia_id", turn.diaId()));
                String text = turn.imageCaption() == null ? turn.text() : turn.text() + " " + turn.imageCaption();
                doc.add(new TextField("text", text, Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.commit();
            this.reader = DirectoryReader.open(directory);
            this.searcher = new IndexSearcher(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dia_ids of the best {@code k} turns for the question. */
    List<String> search(String question, int k) {
        var query = new QueryBuilder(analyzer).createBooleanQuery("text", question, Occur.SHOULD);
        List<String> out = new ArrayList<>();
        if (query == null) {
            return out;
        }
        try {
            for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
                out.add(searcher.storedFields().document(hit.doc).get("dia_id"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
