package dev.lightfast.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventLogContract;
import dev.lightfast.core.event.EventQuery;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest extends EventLogContract {
  @TempDir Path dir;
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
    assertThat(log().append(ACME, delivery("d2", 1)).events().getFirst().seq()).isEqualTo(4);
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
  void oneProcessOwnsADataDirectory() {
    assertThatThrownBy(() -> SqliteStorage.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use by another Lightfast process");
  }
}
