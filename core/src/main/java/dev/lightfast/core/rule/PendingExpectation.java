package dev.lightfast.core.rule;

import java.time.Instant;

/**
 * An expectation still waiting for its event: the trigger happened, its window ({@code from} to
 * {@code to}) has not closed by the log's time, and nothing matching has arrived. When the log's
 * time passes {@code to} it becomes a violation with the id {@code violationId}.
 */
public record PendingExpectation(
        String violationId,
        String ruleId,
        int version,
        String triggerEventId,
        long triggerSeq,
        Instant from,
        Instant to) {}
