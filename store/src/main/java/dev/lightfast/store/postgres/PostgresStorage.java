package dev.lightfast.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.search.EmbeddingStore;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.store.outbox.SqlOutbox;
import dev.lightfast.store.outbox.SqlSubscriptionStore;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The scale-out store: tenants, connections, the event log and the graph in one PostgreSQL database, shared
 * by any number of server processes. Opening it brings the schema up to date (safe when several
 * servers start at once), then works through a pool whose connections act as {@link
 * ApplicationRole}, so row-level security holds whatever login the URL names.
 */
public final class PostgresStorage implements Storage {
    /** Pooled connections per process: the writers plus room for reads. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Connections kept free of writers, for reads (authentication, the log API). */
    private static final int FOR_READS = 2;

    private final PostgresUrl url;
    private final HikariDataSource pool;
    private final TenantScope scope;
    private final PostgresEventLog eventLog;
    private final PostgresTenantStore tenants;
    private final PostgresConnectionStore connections;
    private final PostgresGraphStore graph;
    private final PostgresEmbeddingStore embeddings;
    private final SecretKeys keys;
    private final PostgresRuleStore rules;
    private final PostgresClaimStore claims;
    private final PostgresPatternStore patterns;
    private final SqlSubscriptionStore subscriptions;
    private final dev.lightfast.store.act.SqlIntentStore intents;
    private final SqlOutbox outbox;

    private PostgresStorage(PostgresUrl url, HikariDataSource pool, int writers, SecretKeys keys) {
        this.url = url;
        this.pool = pool;
        this.scope = new TenantScope(pool);
        this.eventLog = new PostgresEventLog(scope, new PostgresGroupCommit(scope, writers));
        this.tenants = new PostgresTenantStore(scope);
        this.keys = keys;
        this.connections = new PostgresConnectionStore(scope, keys);
        this.graph = new PostgresGraphStore(scope);
        this.embeddings = new PostgresEmbeddingStore(scope);
        this.rules = new PostgresRuleStore(scope);
        this.claims = new PostgresClaimStore(scope);
        this.patterns = new PostgresPatternStore(scope);
        var dialect = new PostgresDialect(scope);
        this.subscriptions = new SqlSubscriptionStore(dialect);
        this.intents = new dev.lightfast.store.act.SqlIntentStore(dialect);
        this.outbox = new SqlOutbox(dialect);
    }

    /**
     * Opens the database at {@code jdbcUrl} (e.g. {@value PostgresUrl#EXAMPLE}) with the default pool
     * and the secret key of {@code LIGHTFAST_SECRET_KEY}, or, without one, a key of this process
     * alone: for tests and short-lived tools. A server passes its keys ({@link #open(String, int,
     * SecretKeys)}), since every server of one database needs the same.
     */
    public static PostgresStorage open(String jdbcUrl) {
        return open(jdbcUrl, DEFAULT_POOL_SIZE);
    }

    /** {@link #open(String)} with a pool of {@code poolSize}. */
    public static PostgresStorage open(String jdbcUrl, int poolSize) {
        return open(jdbcUrl, poolSize, ProcessKeys.fromEnvironment());
    }

    /** The database at {@code jdbcUrl} with the default pool, sealing secrets with {@code keys}. */
    public static PostgresStorage open(String jdbcUrl, SecretKeys keys) {
        return open(jdbcUrl, DEFAULT_POOL_SIZE, keys);
    }

    /**
     * @param poolSize connections this process keeps; all but {@value #FOR_READS} may be writing at
     *     once (one tenant's appends use one at a time)
     * @param keys seal and open the webhook secrets; the database holds them sealed only. On opening,
     *     secrets written before sealing are sealed, and ones under a retired key sealed again
     */
    public static PostgresStorage open(String jdbcUrl, int poolSize, SecretKeys keys) {
        if (poolSize <= FOR_READS) {
            throw new IllegalArgumentException("the pool needs more than " + FOR_READS + " connections: " + poolSize);
        }
        var url = PostgresUrl.parse(jdbcUrl);
        PostgresSchema.migrate(url);
        ApplicationRole.verify(url);
        PostgresStorage storage;
        try {
            storage = new PostgresStorage(
                    url, new HikariDataSource(poolConfig(url, poolSize)), poolSize - FOR_READS, keys);
        } catch (HikariPool.PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? url.explain(sql) : e;
        }
        try {
            storage.connections.sealAll(storage.tenants.list().stream()
                    .map(dev.lightfast.core.tenant.Tenant::id)
                    .toList());
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    private static HikariConfig poolConfig(PostgresUrl url, int poolSize) {
        var hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setPoolName("postgres");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(FOR_READS + 1);
        // Every unit of work is a transaction: the tenant setting lives only as long as one.
        hc.setAutoCommit(false);
        // Each connection acts as the application role, so row-level security applies to it. A server
        // whose default is not to wait for the WAL flush at commit is overruled: a 202 promises
        // durability (stronger settings, such as waiting for a standby, are left alone).
        hc.setConnectionInitSql(ApplicationRole.ENTER + "; SELECT set_config('synchronous_commit', 'on', false)"
                + " WHERE current_setting('synchronous_commit') = 'off'");
        // Batched inserts go as multi-row INSERTs: one round trip for a whole group commit.
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", "lightfast");
        return hc;
    }

    @Override
    public EventLog eventLog() {
        return eventLog;
    }

    @Override
    public TenantStore tenants() {
        return tenants;
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    /** Subscriptions, shared by every server on this database. */
    @Override
    public dev.lightfast.core.act.IntentStore intents() {
        return intents;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** The outbox, shared: servers queue and send each message once between them. */
    @Override
    public Outbox outbox() {
        return outbox;
    }

    /** The graph, shared by every server on this database; they share its projection too. */
    @Override
    public GraphStore graph() {
        return graph;
    }

    /** Rule verdicts, shared by every server on this database; they share the judging too. */
    @Override
    public RuleStore rules() {
        return rules;
    }

    @Override
    public dev.lightfast.core.claim.ClaimStore claims() {
        return claims;
    }

    @Override
    public dev.lightfast.core.pattern.PatternStore patterns() {
        return patterns;
    }

    /** Event vectors, shared so that the servers on this database run the model once per event. */
    @Override
    public Optional<EmbeddingStore> embeddings() {
        return Optional.of(embeddings);
    }

    @Override
    public SecretKeys secretKeys() {
        return keys;
    }

    @Override
    public dev.lightfast.core.coverage.ConnectionActivity connectionActivity() {
        return new PostgresConnectionActivity(scope);
    }

    @Override
    public dev.lightfast.core.backfill.BackfillStore backfills() {
        return new PostgresBackfillStore(scope);
    }

    @Override
    public String describe() {
        return url.describe();
    }

    /** Copies tenants in from another store, for {@code lightfast migrate}. */
    public PostgresImport importer() {
        return new PostgresImport(scope, keys);
    }

    TenantScope scope() {
        return scope;
    }

    /** Drains pending appends, then closes the pool. */
    @Override
    public void close() {
        try {
            eventLog.close();
        } finally {
            pool.close();
        }
    }
}
