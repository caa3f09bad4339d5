package dev.lightfast.core.rule;

import java.util.List;

/** A page of violations; {@code next} continues after the last one, null when there are no more. */
public record ViolationPage(List<Violation> violations, ViolationQuery.Position next) {}
