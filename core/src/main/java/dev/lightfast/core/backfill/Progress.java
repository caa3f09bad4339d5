package dev.lightfast.core.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;

/**
 * A job as {@code GET /v1/connections/{id}/backfill} shows it: the job, how fast it goes and, when
 * the tool said how many objects there are, how long it has left.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(BackfillJob job, double objectsPerSecond, Long secondsLeft) {

    public static Progress of(BackfillJob job, Instant now) {
        Instant end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = Math.max(0.001, Duration.between(job.createdAt(), end).toMillis() / 1000.0);
        double rate = Math.round(10 * job.objectsDone() / seconds) / 10.0;
        Long left = null;
        if (!job.state().finished() && job.objectsTotal() != null && rate > 0) {
            left = (long) Math.ceil(Math.max(0, job.objectsTotal() - job.objectsDone()) / rate);
        }
        return new Progress(job, rate, left);
    }
}
