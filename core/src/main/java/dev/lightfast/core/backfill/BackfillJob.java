package dev.lightfast.core.backfill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * One import of a connection's history. {@code cursor} is the reader's own place (opaque here),
 * saved after each page is durable in the log: a job resumed after a crash repeats at most that
 * page, whose deliveries and events the log already has.
 *
 * @param sealedToken the API token given with the request, sealed with the installation's keys and
 *     bound to the job id; never shown
 * @param objectsTotal how many objects there are, when the tool says; null otherwise
 * @param errors calls that failed and were retried (rate limits, server errors)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackfillJob(
        String id,
        @JsonIgnore TenantId tenant,
        String connectionId,
        String provider,
        BackfillState state,
        Instant since,
        Instant until,
        List<String> what,
        List<String> repositories,
        String apiBase,
        @JsonIgnore String sealedToken,
        @JsonIgnore String cursor,
        long objectsDone,
        Long objectsTotal,
        long eventsAdded,
        long errors,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public BackfillJob {
        what = what == null ? List.of() : List.copyOf(what);
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    /** The job after one more page. */
    public BackfillJob progressed(String cursor, long objects, Long total, long events, long errors, Instant at) {
        return new BackfillJob(
                id,
                tenant,
                connectionId,
                provider,
                state,
                since,
                until,
                what,
                repositories,
                apiBase,
                sealedToken,
                cursor,
                objectsDone + objects,
                total != null ? total : objectsTotal,
                eventsAdded + events,
                this.errors + errors,
                lastError,
                createdAt,
                at,
                finishedAt);
    }

    public BackfillJob ended(BackfillState state, String error, Instant at) {
        return new BackfillJob(
                id,
                tenant,
                connectionId,
                provider,
                state,
                since,
                until,
                what,
                repositories,
                apiBase,
                null, // a job that has ended reads no more: its token is not kept
                cursor,
                objectsDone,
                objectsTotal,
                eventsAdded,
                errors,
                error != null ? error : lastError,
                createdAt,
                at,
                at);
    }

    /** The same job with its token sealed again (under a new key). */
    public BackfillJob withSealedToken(String sealed) {
        return new BackfillJob(
                id,
                tenant,
                connectionId,
                provider,
                state,
                since,
                until,
                what,
                repositories,
                apiBase,
                sealed,
                cursor,
                objectsDone,
                objectsTotal,
                eventsAdded,
                errors,
                lastError,
                createdAt,
                updatedAt,
                finishedAt);
    }

    public BackfillJob withError(String error, Instant at) {
        return new BackfillJob(
                id,
                tenant,
                connectionId,
                provider,
                state,
                since,
                until,
                what,
                repositories,
                apiBase,
                sealedToken,
                cursor,
                objectsDone,
                objectsTotal,
                eventsAdded,
                errors + 1,
                error,
                createdAt,
                at,
                finishedAt);
    }
}
