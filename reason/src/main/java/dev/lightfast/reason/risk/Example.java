package dev.lightfast.reason.risk;

import dev.lightfast.core.event.Citation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One change to score or learn from, described by its features' buckets, each with the events that
 * show it; {@code followed} says whether an incident followed it in its place within the hour (known
 * for past deployments only).
 */
record Example(String key, Instant at, Map<String, Bucket> features, Boolean followed, Citation citation) {

    /** A feature's value, in words and as the bucket the model counts, and the events that show it. */
    record Bucket(String value, String bucket, List<Citation> citations) {}
}
