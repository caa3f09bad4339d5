package dev.lightfast.core.storage;

import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.search.EmbeddingStore;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantStore;
import java.util.Optional;

/**
 * One system of record: the embedded SQLite data directory or a PostgreSQL database. The server
 * is wired against this and never against an implementation, so both serve the same answers.
 */
public interface Storage extends AutoCloseable {

    EventLog eventLog();

    /** The keys this store seals secrets with (webhook secrets here, and subscriptions' through it). */
    dev.lightfast.core.secret.SecretKeys secretKeys();

    TenantStore tenants();

    ConnectionStore connections();

    /** Intents, their plans, approvals, attempts and audit trail; connections' action credentials. */
    dev.lightfast.core.act.IntentStore intents();

    /** Outbound webhook subscriptions and their secrets. */
    SubscriptionStore subscriptions();

    /** Every subscription's queue of outbound messages, in the same database as the subscriptions. */
    Outbox outbox();

    /** The temporal graph derived from the log. */
    GraphStore graph();

    /** What judging the log against the tenant's rules has derived: violations, waiting expectations. */
    RuleStore rules();

    /** The claims the log states, each voice's latest, and the conflicts among them. */
    dev.lightfast.core.claim.ClaimStore claims();

    /** What the patterns projection has noted: deployments, incidents, reviews, reopened work. */
    dev.lightfast.core.pattern.PatternStore patterns();

    /**
     * Event vectors shared by the servers of one database; none for a store only one process opens
     * (each server then runs the model for every event it indexes).
     */
    default Optional<EmbeddingStore> embeddings() {
        return Optional.empty();
    }

    /** What each connection has delivered, for coverage. */
    dev.lightfast.core.coverage.ConnectionActivity connectionActivity();

    /** Backfill jobs: their state and durable cursors. */
    dev.lightfast.core.backfill.BackfillStore backfills();

    /** A line for the start-up log: where the data lives, never a password. */
    String describe();

    @Override
    void close();
}
