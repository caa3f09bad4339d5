package dev.lightfast.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.lightfast.core.search.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quantized all-MiniLM-L6-v2 sentence model, run in-process by ONNX Runtime from the model
 * file inside its Maven jar: nothing is downloaded. Batches are spread over one thread per core,
 * since the model, not the index, is what limits indexing.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
  public static final int DIMENSIONS = 384;

  private final ExecutorService workers;
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  public MiniLmEmbedder() {
    this(Runtime.getRuntime().availableProcessors());
  }

  public MiniLmEmbedder(int threads) {
    this.workers = Executors.newFixedThreadPool(Math.max(1, threads),
        Thread.ofPlatform().daemon().name("embedder-", 0).factory());
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(workers);
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      segments.add(TextSegment.from(t == null || t.isBlank() ? " " : t));
    }
    List<Embedding> embeddings = model.embedAll(segments).content();
    List<float[]> vectors = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      vectors.add(e.vector());
    }
    return vectors;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
