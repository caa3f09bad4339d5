package dev.lightfast.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.secret.SecretKeyFile;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.storage.PrivateFiles;
import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.store.copy.TenantRecords;
import dev.lightfast.store.outbox.SqlOutbox;
import dev.lightfast.store.outbox.SqlSubscriptionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: SQLite in WAL mode inside the data directory. {@code lightfast.db} holds
 * tenants, connections and the event log; {@code graph.db} the graph derived from it, in a file of
 * its own so that projecting never holds the write lock webhook acknowledgements wait on. One
 * process owns a data directory at a time (a file lock says so), which is what lets a single
 * writer hand out each tenant's {@code seq} from memory.
 */
public final class SqliteStorage implements Storage {
    public static final String DATABASE_FILE = "lightfast.db";
    public static final String GRAPH_FILE = "graph.db";
    /** The graph's page cache per connection, in KiB. */
    private static final int GRAPH_CACHE_KIB = 32 * 1024;
    /** How much of the graph's file is read through a memory map. */
    private static final long GRAPH_MMAP_BYTES = 1L << 30;

    private static final String LOCK_FILE = "lightfast.lock";

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final HikariDataSource pool;
    private final HikariDataSource graphPool;
    private final HikariDataSource rulesPool;
    private final HikariDataSource outboxPool;
    private final SqliteEventLog eventLog;
    private final SqliteTenantStore tenants;
    private final SqliteConnectionStore connections;
    private final SqliteGraphStore graph;
    private final SqliteRuleStore rules;
    private final SqliteClaimStore claims;
    private final SqlitePatternStore patterns;
    private final SqliteCheckpointer checkpointer;
    private final SecretKeys keys;
    private final SqlSubscriptionStore subscriptions;
    private final dev.lightfast.store.act.SqlIntentStore intents;
    private final SqlOutbox outbox;

    private SqliteStorage(
            Path dataDir,
            FileChannel lockChannel,
            FileLock lock,
            HikariDataSource pool,
            HikariDataSource graphPool,
            HikariDataSource rulesPool,
            HikariDataSource outboxPool,
            Connection writer,
            Connection checkpoints,
            SecretKeys keys) {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.pool = pool;
        this.graphPool = graphPool;
        this.rulesPool = rulesPool;
        this.outboxPool = outboxPool;
        this.eventLog = new SqliteEventLog(pool, new SqliteGroupCommit(writer));
        this.tenants = new SqliteTenantStore(pool);
        this.keys = keys;
        this.connections = new SqliteConnectionStore(pool, keys);
        this.graph = new SqliteGraphStore(graphPool);
        this.rules = new SqliteRuleStore(rulesPool);
        // Claims and patterns are derived like the verdicts, beside them, through the same pool.
        this.claims = new SqliteClaimStore(rulesPool);
        this.patterns = new SqlitePatternStore(rulesPool);
        this.checkpointer = new SqliteCheckpointer(checkpoints);
        this.subscriptions = new SqlSubscriptionStore(new SqliteDialect(pool));
        this.intents = new dev.lightfast.store.act.SqlIntentStore(new SqliteDialect(pool));
        var outboxDialect = new SqliteDialect(outboxPool);
        outboxDialect.releaseLeases();
        this.outbox = new SqlOutbox(outboxDialect);
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir} and brings its schema up to date, with
     * the secret keys of {@code LIGHTFAST_SECRET_KEY} or the directory's own key file.
     */
    public static SqliteStorage open(Path dataDir) {
        PrivateFiles.directory(dataDir);
        return open(dataDir, SecretKeyFile.resolve(System.getenv(), dataDir));
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir} and brings its schema up to date. The
     * directory is made {@code 0700} and every file in it {@code 0600} from its creation on (older
     * ones are narrowed); webhook secrets written before sealing are sealed with {@code keys}.
     */
    public static SqliteStorage open(Path dataDir, SecretKeys keys) {
        SqliteStorage storage;
        try {
            PrivateFiles.directory(dataDir);
            var lockFile = dataDir.resolve(LOCK_FILE);
            var lockOptions =
                    java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            var lockChannel = PrivateFiles.posix(dataDir)
                    ? FileChannel.open(lockFile, lockOptions, PrivateFiles.ownerOnly())
                    : FileChannel.open(lockFile, lockOptions);
            PrivateFiles.restrict(lockFile);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("data directory " + dataDir.toAbsolutePath()
                        + " is in use by another Lightfast process; stop it or use another --data directory");
            }
            lockChannel
                    .truncate(0)
                    .write(java.nio.ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            // SQLite makes its -wal and -shm files with the database file's permissions: an empty
            // database file made 0600 here (SQLite takes an empty file as a new database) makes all
            // three owner-only from their first byte.
            for (String file : new String[] {DATABASE_FILE, GRAPH_FILE}) {
                PrivateFiles.createIfAbsent(dataDir.resolve(file));
                PrivateFiles.restrict(dataDir.resolve(file + "-wal"));
                PrivateFiles.restrict(dataDir.resolve(file + "-shm"));
            }
            String url = "jdbc:sqlite:" + dataDir.resolve(DATABASE_FILE).toAbsolutePath();
            String graphUrl = "jdbc:sqlite:" + dataDir.resolve(GRAPH_FILE).toAbsolutePath();
            var pool = pool(url, "sqlite", config());
            HikariDataSource graphPool = null;
            HikariDataSource rulesPool = null;
            HikariDataSource outboxPool = null;
            try {
                Flyway.configure()
                        .dataSource(pool)
                        .locations("classpath:db/sqlite")
                        // versions are reserved per issue and land in any order (V8 after V12)
                        .outOfOrder(true)
                        .load()
                        .migrate();
                graphPool = pool(graphUrl, "sqlite-graph", graphConfig());
                Flyway.configure()
                        .dataSource(graphPool)
                        .locations("classpath:db/sqlite-graph")
                        .load()
                        .migrate();
                rulesPool = pool(url, "sqlite-rules", derivedConfig());
                outboxPool = pool(url, "sqlite-outbox", outboxConfig());
                Connection writer = writerConfig().createConnection(url);
                storage = new SqliteStorage(
                        dataDir,
                        lockChannel,
                        lock,
                        pool,
                        graphPool,
                        rulesPool,
                        outboxPool,
                        writer,
                        config().createConnection(url),
                        keys);
            } catch (SQLException | RuntimeException e) {
                if (outboxPool != null) {
                    outboxPool.close();
                }
                if (rulesPool != null) {
                    rulesPool.close();
                }
                if (graphPool != null) {
                    graphPool.close();
                }
                pool.close();
                lock.release();
                lockChannel.close();
                throw e instanceof RuntimeException re ? re : new IllegalStateException("cannot open " + url, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data directory " + dataDir.toAbsolutePath(), e);
        }
        try {
            storage.connections.sealAll();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        return storage;
    }

    /**
     * WAL lets readers run beside the writer; synchronous=FULL makes each commit reach the disk
     * before it returns, which is the promise behind a 202.
     */
    private static SQLiteConfig config() {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // Write transactions take the lock when they begin, not half-way through (which can deadlock).
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /**
     * The log's one writer asks for no generated keys (it knows its ids): otherwise the driver runs a
     * regular expression over the SQL after every insert to see whether it should fetch them.
     */
    private static SQLiteConfig writerConfig() {
        var config = config();
        config.setGetGeneratedKeys(false);
        return config;
    }

    /**
     * The graph is derived: a commit lost to a power cut is derived again, because its checkpoint is
     * in the same transaction. So its commits need not wait for the disk (WAL stays consistent). Its
     * inserts ask for no generated keys (the driver would run a regular expression over each one's
     * SQL), and its pages are cached more than the default 2 MB and read through a memory map: a page
     * of events writes into every part of its indexes, keyed by hashed ids.
     */
    private static SQLiteConfig graphConfig() {
        var config = config();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setGetGeneratedKeys(false);
        config.setCacheSize(-GRAPH_CACHE_KIB);
        // Pages read through a memory map instead of a read call each, which random inserts make many.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(GRAPH_MMAP_BYTES));
        return config;
    }

    /**
     * Rule verdicts are derived like the graph, in {@code lightfast.db} beside the log: their commits
     * need not wait for the disk either, which keeps their hold on the file's write lock short.
     */
    private static SQLiteConfig derivedConfig() {
        var config = config();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config;
    }

    /**
     * The outbox's churn (messages queued with their cursor, attempts recorded, leases) commits
     * without waiting for the disk: a commit lost to a power cut is queued or sent again, which
     * at-least-once delivery allows. Subscriptions themselves are written through the main pool.
     */
    private static SQLiteConfig outboxConfig() {
        var config = config();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config;
    }

    private static HikariDataSource pool(String url, String name, SQLiteConfig config) {
        var ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        var hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setPoolName(name);
        hc.setMaximumPoolSize(8);
        hc.setMinimumIdle(1);
        return new HikariDataSource(hc);
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

    @Override
    public dev.lightfast.core.act.IntentStore intents() {
        return intents;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public GraphStore graph() {
        return graph;
    }

    /** Violations and waiting expectations, in {@code lightfast.db} (migration V5). */
    @Override
    public RuleStore rules() {
        return rules;
    }

    /** Claims, their heads and conflicts, in {@code lightfast.db} (migration V9). */
    @Override
    public dev.lightfast.core.claim.ClaimStore claims() {
        return claims;
    }

    /** What the patterns projection noted, in {@code lightfast.db} (migration V9). */
    @Override
    public dev.lightfast.core.pattern.PatternStore patterns() {
        return patterns;
    }

    @Override
    public SecretKeys secretKeys() {
        return keys;
    }

    @Override
    public dev.lightfast.core.coverage.ConnectionActivity connectionActivity() {
        return new SqliteConnectionActivity(pool);
    }

    @Override
    public dev.lightfast.core.backfill.BackfillStore backfills() {
        return new SqliteBackfillStore(pool);
    }

    @Override
    public String describe() {
        return "SQLite in " + dataDir.toAbsolutePath();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Everything stored here, tenant by tenant, for {@code lightfast migrate}. */
    public TenantRecords records() {
        return new SqliteRecords(pool, keys);
    }

    /** Drains pending appends, then releases the database and the directory lock. */
    @Override
    public void close() {
        eventLog.close();
        checkpointer.close();
        rulesPool.close();
        outboxPool.close();
        graphPool.close();
        pool.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
