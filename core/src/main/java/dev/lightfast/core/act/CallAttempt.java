package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One try of one planned call. It is recorded before the call is sent ({@code outcome} null: in
 * flight), so a server that dies mid-call knows on restart to look the call up before sending it
 * again.
 *
 * @param outcome {@code succeeded}, {@code retryable}, {@code failed}, {@code found} (looked up after
 *     a crash and found done); null while in flight
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallAttempt(
        int callIndex,
        int attempt,
        String idempotencyKey,
        Instant startedAt,
        String outcome,
        Integer status,
        String message,
        String url,
        Instant finishedAt) {
    public static final String SUCCEEDED = "succeeded";
    public static final String RETRYABLE = "retryable";
    public static final String FAILED = "failed";
    public static final String FOUND = "found";

    public boolean inFlight() {
        return outcome == null;
    }

    public boolean done() {
        return SUCCEEDED.equals(outcome) || FOUND.equals(outcome);
    }
}
