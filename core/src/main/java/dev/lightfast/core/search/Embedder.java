package dev.lightfast.core.search;

import java.util.List;

/**
 * Turns text into a dense vector whose direction carries its meaning. In-process, so it runs off
 * the request path in the projector and only for the query text on a search.
 */
public interface Embedder {

    /**
     * Names the model and how it was set up, so that vectors it made can be stored and found again
     * by another server; a different model must answer a different name.
     */
    String name();

    /** The length of every vector this embedder returns. */
    int dimensions();

    /** One unit-length vector per text, in the same order. */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }

    /**
     * The vector of a search query. Some models are trained to embed a short query differently
     * from the passages it should find (an instruction before it); by default, as a document.
     */
    default float[] embedQuery(String text) {
        return embed(text);
    }
}
