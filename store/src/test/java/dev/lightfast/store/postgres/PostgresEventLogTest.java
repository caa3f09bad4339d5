package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventLogContract;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.store.body.RawBodyCodec;
import java.nio.charset.StandardCharsets;
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

    @Test
    void bodiesAreKeptCompressedAndRowsFromBeforeCompressionStillReadByteForByte() throws Exception {
        byte[] body = ("{\"repository\":{\"url\":\"https://api.github.com/repos/octo/repo\"},\"n\":0}".repeat(300))
                .getBytes(StandardCharsets.UTF_8);
        var stored = log().append(
                        ACME,
                        new IncomingDelivery(
                                "github", "con_1", "big", "push", Map.of(), body, Instant.now(), List.of()));
        try (var c = schema.owner()) {
            try (var st = c.prepareStatement("SELECT body_codec, octet_length(body) FROM deliveries WHERE id = ?")) {
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
                    + " 'con_1', 'old', 'push', '{}', ?, now())")) {
                st.setBytes(1, body);
                st.executeUpdate();
            }
        }
        assertThat(log().findRaw(ACME, stored.deliveryId()).orElseThrow().body())
                .isEqualTo(body);
        assertThat(log().findRaw(ACME, "dlv_old").orElseThrow().body()).isEqualTo(body);
    }
}
