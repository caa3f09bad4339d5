package dev.lightfast.core.rule;

import java.time.Instant;

/**
 * The stretch of time an expectation searched for its event: {@code [from, to]} by the events' own
 * times, and how many events of the type it found there ({@code searched}), none of which matched.
 */
public record Window(String type, Instant from, Instant to, int searched) {}
