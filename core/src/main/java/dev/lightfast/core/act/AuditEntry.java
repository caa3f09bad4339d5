package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of the audit trail: who asked for what, who approved, what ran and how it ended.
 *
 * @param action {@code proposed}, {@code approved}, {@code executing}, {@code succeeded}, {@code failed}
 * @param actor the API key's id, or {@code lightfast} for what the executor did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(
        long position, Instant at, String actor, String action, String intentId, String intent, String detail) {
    public static final String EXECUTOR = "lightfast";
}
