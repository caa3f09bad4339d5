package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventLogContract;
import dev.lightfast.core.event.EventQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresEventLogTest extends EventLogContract {
  private PostgresTestSchema schema;
  private PostgresStorage storage;

  @BeforeEach
  void open() {
    schema = PostgresTestSchema.create();
    storage = PostgresStorage.open(schema.url(), 4);
  }

  @AfterEach
  void close() {
    if (storage != null) {
      storage.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  @Override
  protected EventLog log() {
    return storage.eventLog();
  }

  @Test
  void eventsSurviveReopening() {
    var stored = log().append(ACME, delivery("d1", 3));
    storage.close();
    storage = PostgresStorage.open(schema.url(), 4);
    assertThat(log().read(ACME, EventQuery.all(10)).events()).isEqualTo(stored.events());
    assertThat(log().append(ACME, delivery("d2", 1)).events().getFirst().seq()).isEqualTo(4);
  }
}
