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
 * for it while webhooks wait. Passive checkpoints neither block nor wait for the writer; when the
 * log has grown large anyway (a long burst), a truncating one bounds its size on disk.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);
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
            if (rs.next() && rs.getLong(2) > TRUNCATE_ABOVE_PAGES) {
                try (var truncate = conn.createStatement()) {
                    truncate.execute("PRAGMA wal_checkpoint(TRUNCATE)");
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
