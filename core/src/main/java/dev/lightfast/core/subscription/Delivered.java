package dev.lightfast.core.subscription;

import java.time.Instant;

/**
 * What an attempt changed: the attempt itself, and the message's state after it.
 *
 * @param nextAttemptAt when a pending message is tried again
 */
public record Delivered(long position, Attempt attempt, MessageState state, int attempts, Instant nextAttemptAt) {}
