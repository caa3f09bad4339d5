package dev.lightfast.core.outbound;

import dev.lightfast.core.subscription.AttemptOutcome;
import java.time.Duration;

/**
 * How one request went.
 *
 * @param status the HTTP status, when the endpoint answered
 * @param response the start of the answer's body
 * @param retryAfter a 429's {@code Retry-After}, when it had one
 * @param error why there was no answer, or what was refused
 */
public record SendResult(
        AttemptOutcome outcome, Integer status, Duration latency, String response, Duration retryAfter, String error) {

    public boolean delivered() {
        return outcome == AttemptOutcome.DELIVERED;
    }

    public static SendResult answered(int status, Duration latency, String response, Duration retryAfter) {
        return new SendResult(
                status / 100 == 2 ? AttemptOutcome.DELIVERED : AttemptOutcome.REJECTED,
                status,
                latency,
                response,
                status == 429 ? retryAfter : null,
                null);
    }

    public static SendResult failed(AttemptOutcome outcome, Duration latency, String error) {
        return new SendResult(outcome, null, latency, null, null, error);
    }
}
