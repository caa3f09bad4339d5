package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One delivery attempt, as {@code GET /v1/subscriptions/{id}/attempts} shows it.
 *
 * @param id sortable by time ({@code att_} and a ULID)
 * @param status the endpoint's HTTP status, when it answered
 * @param response the start of its answer (at most {@link #MAX_RESPONSE} characters)
 * @param error why there was no answer, or what was refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(
        String id,
        String messageId,
        long messagePosition,
        Instant at,
        Integer status,
        AttemptOutcome outcome,
        long latencyMillis,
        String response,
        String error) {
    public static final int MAX_RESPONSE = 1_024;
}
