package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventLogContract;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        assertThat(log().append(ACME, delivery("d2", 1)).events().getFirst().seq())
                .isEqualTo(4);
    }

    @Test
    void aDeliveryTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsStored() {
        var good = delivery("good-1", 2);
        var refused = new IncomingDelivery(
                "github", "con_1", "bad\u0000key", "push", Map.of(), new byte[] {'{', '}'}, Instant.now(), List.of());
        var alsoGood = delivery("good-2", 1);
        assertThatThrownBy(() -> log().append(ACME, List.of(good, refused, alsoGood)))
                .hasMessageContaining("0x00");
        assertThat(log().read(ACME, EventQuery.all(10)).events())
                .extracting(e -> e.title())
                .containsExactly("event 0 of good-1", "event 1 of good-1", "event 0 of good-2");
        assertThat(log().lastSeq(ACME)).isEqualTo(3);
    }
}
