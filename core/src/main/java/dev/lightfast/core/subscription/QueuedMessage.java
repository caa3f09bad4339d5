package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A message in a subscription's outbox. {@code position} is its place in the subscription's queue
 * (messages go out in that order); {@code id} is the {@code webhook-id} every attempt carries, the
 * receiver's key to drop duplicates.
 *
 * @param source the message source it came from ({@code events}, ...; {@code test} for a test)
 * @param sourcePosition its position there (an event's seq), null for a test
 * @param timestamp the payload's timestamp (an event's observedAt): replays choose by it
 * @param attempts attempts in the current round of the schedule (a replay starts a new round)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueuedMessage(
        @JsonIgnore String subscriptionId,
        long position,
        String id,
        String source,
        Long sourcePosition,
        String type,
        Instant timestamp,
        @JsonIgnore byte[] body,
        MessageState state,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        Instant deliveredAt) {}
