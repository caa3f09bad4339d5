package dev.lightfast.core.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What someone wants done, the plan it resolved to, and how far it has got.
 *
 * @param args the arguments as given, in the caller's words
 * @param proposedBy the proposing API key's id
 * @param eventId the {@code lightfast.intent.proposed} event that records it
 * @param message when it failed, why, in the tool's words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intent(
        String id,
        TenantId tenant,
        IntentKind kind,
        Map<String, String> args,
        String proposedBy,
        Instant proposedAt,
        IntentState state,
        Plan plan,
        String eventId,
        String message,
        Instant updatedAt) {
    public Intent {
        args = Map.copyOf(args);
    }

    public Intent with(IntentState next, String why, Instant at) {
        return new Intent(id, tenant, kind, args, proposedBy, proposedAt, next, plan, eventId, why, at);
    }

    /** The intent with its approvals and attempts, as {@code GET /v1/intents/{id}} shows it. */
    public record Status(Intent intent, List<Approval> approvals, List<CallAttempt> attempts) {
        public Status {
            approvals = List.copyOf(approvals);
            attempts = List.copyOf(attempts);
        }
    }
}
