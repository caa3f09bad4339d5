package dev.lightfast.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the write-ahead log into the database file in the background, so the writer never pays
 * for it while webhooks wait. Passive checkpoints neither block nor wait for the writer, but under
 * steady load they never catch up with it completely, and SQLite starts the log over only then: the
 * log would grow until a truncating checkpoint, every commit writing to new blocks of the file
 * (allocated and zeroed by the kernel). So once the log is past a few megabytes, a passive
 * checkpoint is followed by a restarting one, which copies the few frames added meanwhile and
 * holds the writer for that moment; the writer then writes over the log's first blocks again.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);
    private static final long RESTART_ABOVE_PAGES = 4_096; // ≈ 16 MB of WAL
    private static final long TRUNCATE_ABOVE_PAGES = 64_000; // ≈ 256 MB of WAL

    private final Connection conn;
    private final ScheduledExecutorService timer;

    SqliteCheckpointer(Connection conn) {
        this.conn = conn;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("wal-checkpoint").unstarted(r));
        timer.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
    }

    private void checkpoint() {
        try (var st = conn.createStatement();
                var rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            long pages = rs.next() ? rs.getLong(2) : 0;
            if (pages > TRUNCATE_ABOVE_PAGES) {
                try (var truncate = conn.createStatement()) {
                    truncate.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            } else if (pages > RESTART_ABOVE_PAGES) {
                try (var restart = conn.createStatement()) {
                    restart.execute("PRAGMA wal_checkpoint(RESTART)");
                }
            }
        } catch (SQLException e) {
            LOG.warn("WAL checkpoint failed; will retry", e);
        }
    }

    /** Stops the timer and leaves the log fully checkpointed. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
            try (var st = conn.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            LOG.warn("final WAL checkpoint failed; the log stays valid and is replayed on next open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                conn.close();
            } catch (SQLException e) {
                LOG.warn("closing the checkpoint connection", e);
            }
        }
    }
}
