package dev.lightfast.core.pattern;

import java.time.Instant;
import java.util.List;

/**
 * What reading a batch of the log changed: the observations made or updated (each replaces the one
 * with its pattern and key), written in one transaction with the checkpoint moving from {@code
 * fromSeq} to {@code toSeq} and the log's time there.
 */
public record PatternDelta(long fromSeq, long toSeq, Instant logTime, List<Observation> observations) {
    public PatternDelta {
        if (toSeq < fromSeq) {
            throw new IllegalArgumentException("a delta moves the checkpoint forward: " + fromSeq + " -> " + toSeq);
        }
        observations = List.copyOf(observations);
    }
}
