package dev.lightfast.core.backfill;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/connections/{id}/backfill}: the history from {@code since} (to {@code until}),
 * of the kinds in {@code what} (all when empty), of the given repositories. {@code token} and
 * {@code apiBase} stand in until connections carry their own API credentials.
 */
public record BackfillRequest(
        Instant since, Instant until, List<String> what, List<String> repositories, String token, String apiBase) {}
