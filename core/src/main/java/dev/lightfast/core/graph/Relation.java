package dev.lightfast.core.graph;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;

/**
 * A typed edge, bitemporal: {@code validFrom}/{@code validTo} say when it held in the world,
 * {@code recordedSeq} when we learned it and {@code endedSeq} when we learned it stopped. Cites
 * the events that asserted or ended it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relation(
        String type,
        String from,
        String to,
        Instant validFrom,
        Instant validTo,
        long recordedSeq,
        Long endedSeq,
        List<Citation> citations) {

    /** Whether it still held at the reading point. */
    public boolean current() {
        return validTo == null;
    }
}
