package dev.lightfast.core.rule;

import java.time.Instant;

/**
 * A rule that failed on one event, for example reading an attribute the event does not have: the
 * event is then not judged by that part of the rule, the failure is kept here for the rule's
 * author, and everything else goes on.
 *
 * @param part {@code on.if}, {@code expect.match} or {@code require}
 */
public record RuleError(
        String ruleId, int version, String part, String eventId, long seq, Instant at, String message) {}
