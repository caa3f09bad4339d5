package dev.lightfast.core.answer;

import java.util.List;
import java.util.Optional;

/**
 * Something that can phrase an answer in prose from numbered evidence, such as a language model.
 * Whatever it writes is checked by {@link CitedProse}: only sentences citing retrieved evidence
 * survive.
 */
public interface ProseWriter {

    /**
     * Writes a short answer to {@code question} from the evidence, citing it as {@code [n]} where n
     * is the evidence's rank. Empty when the writer is unavailable; the extractive summary stands.
     */
    Optional<String> write(String question, List<Answer.Evidence> evidence);
}
