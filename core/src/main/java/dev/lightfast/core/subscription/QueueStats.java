package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A subscription's outbox at a glance.
 *
 * @param failingSince the first failed attempt since the last success, while the endpoint fails
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueStats(
        long pending,
        long delivered,
        long failed,
        Instant failingSince,
        Instant lastAttemptAt,
        Instant nextAttemptAt) {}
