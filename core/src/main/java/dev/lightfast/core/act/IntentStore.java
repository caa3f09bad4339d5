package dev.lightfast.core.act;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for intents: their plans, approvals, every call attempt and its result, the audit
 * trail, the tenant's approval policy and the connections' sealed action credentials. Every method
 * is scoped by tenant; another tenant's intent is simply not there.
 */
public interface IntentStore {

    void create(Intent intent);

    Optional<Intent> find(TenantId tenant, String id);

    /** The tenant's intents newest proposal first, a page at a time, optionally only some states'. */
    IntentPage list(TenantId tenant, IntentQuery query);

    /**
     * Moves an intent from one of {@code from} to {@code next} (with its message); false when it was
     * in none of them, so two callers racing for a transition cannot both win.
     */
    boolean transition(TenantId tenant, String id, java.util.Set<IntentState> from, Intent next);

    void approve(TenantId tenant, String id, Approval approval);

    List<Approval> approvals(TenantId tenant, String id);

    /**
     * Records that an attempt is about to be sent; durable when this returns. Sending comes after,
     * so a crash leaves an attempt with no outcome, never a call nobody knows about.
     */
    void attemptStarted(TenantId tenant, String id, CallAttempt attempt);

    /** Records how an attempt ended (the same call index and attempt number). */
    void attemptFinished(TenantId tenant, String id, CallAttempt attempt);

    List<CallAttempt> attempts(TenantId tenant, String id);

    /** Intents whose execution was started and has not finished (to resume after a restart). */
    List<Intent> executing(TenantId tenant);

    void audit(TenantId tenant, AuditEntry entry);

    List<AuditEntry> audit(TenantId tenant, AuditQuery query);

    void setPolicy(TenantId tenant, ApprovalPolicy policy);

    Optional<ApprovalPolicy> policy(TenantId tenant);

    void putCredential(TenantId tenant, StoredCredential credential);

    Optional<StoredCredential> credential(TenantId tenant, String connectionId);

    /** Every stored credential of the tenant (to seal again after a key rotation). */
    List<StoredCredential> credentials(TenantId tenant);
}
