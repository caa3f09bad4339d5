package dev.lightfast.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventLogContract;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.store.body.RawBodyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest extends EventLogContract {
    @TempDir
    Path dir;

    private SqliteStorage storage;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Override
    protected EventLog log() {
        return storage.eventLog();
    }

    @Test
    void eventsSurviveReopening() {
        var stored = log().append(ACME, delivery("d1", 3));
        storage.close();
        storage = SqliteStorage.open(dir);
        assertThat(log().read(ACME, EventQuery.all(10)).events()).isEqualTo(stored.events());
        assertThat(log().append(ACME, delivery("d2", 1)).events().getFirst().seq())
                .isEqualTo(4);
    }

    @Test
    void theDatabaseRefusesToRewriteHistory() throws Exception {
        log().append(ACME, delivery("d1", 1));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.DATABASE_FILE))) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE events SET title = 'forged'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM events"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM deliveries"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aDeliveryTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() {
        var good = delivery("good-1", 2);
        // A time past what the log keeps: the writer fails on it, inside a batch with the others.
        var refused = new IncomingDelivery(
                "github", "con_1", "bad", "push", Map.of(), new byte[] {'{', '}'}, Instant.MAX, List.of());
        var alsoGood = delivery("good-2", 1);
        assertThatThrownBy(() -> log().append(ACME, List.of(good, refused, alsoGood)))
                .hasMessageContaining("storing delivery bad failed");
        assertThat(log().read(ACME, EventQuery.all(10)).events())
                .extracting(e -> e.title())
                .containsExactly("event 0 of good-1", "event 1 of good-1", "event 0 of good-2");
        assertThat(log().lastSeq(ACME)).isEqualTo(3);
        assertThat(log().append(ACME, delivery("good-3", 1)).events().getFirst().seq())
                .isEqualTo(4);
    }

    @Test
    void bodiesAreKeptCompressedAndRowsFromBeforeCompressionStillReadByteForByte() throws Exception {
        byte[] body = ("{\"repository\":{\"url\":\"https://api.github.com/repos/octo/repo\"},\"n\":0}".repeat(300))
                .getBytes(StandardCharsets.UTF_8);
        var stored = log().append(
                        ACME,
                        new IncomingDelivery(
                                "github", "con_1", "big", "push", Map.of(), body, Instant.now(), List.of()));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.DATABASE_FILE))) {
            try (var st = c.prepareStatement("SELECT body_codec, length(body) FROM deliveries WHERE id = ?")) {
                st.setString(1, stored.deliveryId());
                try (var rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(RawBodyCodec.ZSTD);
                    assertThat(rs.getInt(2)).isLessThan(body.length / 10);
                }
            }
            // A row written before bodies were compressed: no codec given, so the column's default.
            try (var st = c.prepareStatement("INSERT INTO deliveries (tenant_id, id, source, connection_id,"
                    + " delivery_key, event_name, headers, body, received_at) VALUES ('acme', 'dlv_old', 'github',"
                    + " 'con_1', 'old', 'push', '{}', ?, 0)")) {
                st.setBytes(1, body);
                st.executeUpdate();
            }
        }
        assertThat(log().findRaw(ACME, stored.deliveryId()).orElseThrow().body())
                .isEqualTo(body);
        assertThat(log().findRaw(ACME, "dlv_old").orElseThrow().body()).isEqualTo(body);
    }

    @Test
    void oneProcessOwnsADataDirectory() {
        assertThatThrownBy(() -> SqliteStorage.open(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another Lightfast process");
    }

    @Test
    void aGraphTransactionNeverHoldsUpAnAppend() throws Exception {
        try (var graph = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.GRAPH_FILE))) {
            graph.createStatement().execute("BEGIN IMMEDIATE");
            graph.createStatement().execute("INSERT INTO graph_checkpoints (tenant_id, seq) VALUES ('acme', 0)");
            // Had the graph shared the log's file, this append would wait for the lock and then fail.
            assertThat(log().append(ACME, delivery("d1", 2)).events()).hasSize(2);
            graph.createStatement().execute("ROLLBACK");
        }
    }

    @Test
    void aDataDirectoryFromBeforeTheGraphMovedOutOpensWithTheGraphInItsOwnFile() throws Exception {
        storage.close();
        Path old = java.nio.file.Files.createDirectories(dir.resolve("old"));
        try (var c = DriverManager.getConnection(
                "jdbc:sqlite:" + old.resolve(SqliteStorage.DATABASE_FILE) + "?foreign_keys=on")) {
            org.flywaydb.core.Flyway.configure()
                    .dataSource("jdbc:sqlite:" + old.resolve(SqliteStorage.DATABASE_FILE), null, null)
                    .locations("classpath:db/sqlite")
                    .target("2")
                    .load()
                    .migrate();
            assertThat(tables(c)).contains("entities", "events");
        }
        storage = SqliteStorage.open(old);
        try (var log = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(SqliteStorage.DATABASE_FILE));
                var graph = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(SqliteStorage.GRAPH_FILE))) {
            assertThat(tables(log)).contains("events").doesNotContain("entities", "graph_checkpoints");
            assertThat(tables(graph)).contains("entities", "graph_checkpoints").doesNotContain("events");
        }
    }

    private static java.util.List<String> tables(java.sql.Connection c) throws Exception {
        var names = new java.util.ArrayList<String>();
        try (var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
