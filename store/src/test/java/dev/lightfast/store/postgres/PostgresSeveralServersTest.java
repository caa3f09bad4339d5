package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several stores on one database, each with its own pool and writers, as several server processes
 * would be: they append to the same tenants at once, and every delivery (including the ones sent to
 * two of them) is stored once, each tenant's seq gapless, each delivery's events together.
 */
class PostgresSeveralServersTest {
    private static final int SERVERS = 3;
    private static final int CALLERS_PER_SERVER = 4;
    private static final int DELIVERIES = 150;
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    /** The events a delivery carries are fixed by its key: a redelivery is the same payload. */
    private static IncomingDelivery delivery(int key) {
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i <= key % 3; i++) {
            drafts.add(EventDraft.builder("github", "github.push")
                    .occurredAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .title("delivery " + key + " event " + i)
                    .idempotencyKey("k" + key + "/" + i)
                    .build());
        }
        return new IncomingDelivery(
                "github",
                "con",
                "k" + key,
                "push",
                Map.of(),
                ("{\"k\":" + key + "}").getBytes(StandardCharsets.UTF_8),
                Instant.now(),
                drafts);
    }

    /** Every key goes to two servers, and one caller in three sends three deliveries in one call. */
    private static List<List<Integer>> callsOf(int server, int caller) {
        var calls = new ArrayList<List<Integer>>();
        for (int key = 0; key < DELIVERIES; key++) {
            boolean mine = key % SERVERS == server || (key + 1) % SERVERS == server;
            if (mine && key % CALLERS_PER_SERVER == caller) {
                if (caller == 0 && !calls.isEmpty() && calls.getLast().size() < 3) {
                    calls.getLast().add(key);
                } else {
                    calls.add(new ArrayList<>(List.of(key)));
                }
            }
        }
        return calls;
    }

    @Test
    void everyDeliveryIsStoredOnceAndSeqIsGaplessAcrossServers() throws Exception {
        try (var schema = PostgresTestSchema.create()) {
            var servers = new ArrayList<PostgresStorage>();
            try {
                for (int s = 0; s < SERVERS; s++) {
                    servers.add(PostgresStorage.open(schema.url(), 4));
                }
                var start = new CyclicBarrier(SERVERS * CALLERS_PER_SERVER);
                var results = new ArrayList<Future<List<Appended>>>();
                try (var callers = Executors.newFixedThreadPool(SERVERS * CALLERS_PER_SERVER)) {
                    for (int s = 0; s < SERVERS; s++) {
                        for (int c = 0; c < CALLERS_PER_SERVER; c++) {
                            var log = servers.get(s).eventLog();
                            var calls = callsOf(s, c);
                            results.add(callers.submit((Callable<List<Appended>>) () -> {
                                start.await();
                                var out = new ArrayList<Appended>();
                                for (var call : calls) {
                                    for (var tenant : List.of(ACME, GLOBEX)) {
                                        out.addAll(log.append(
                                                tenant,
                                                call.stream()
                                                        .map(k -> delivery(k))
                                                        .toList()));
                                    }
                                }
                                return out;
                            }));
                        }
                    }
                }
                var all = new ArrayList<Appended>();
                for (var f : results) {
                    all.addAll(f.get());
                }
                assertThat(all).hasSize(DELIVERIES * 2 * 2);
                assertThat(all.stream().filter(a -> !a.duplicate())).hasSize(DELIVERIES * 2);

                int expectedEvents = 0;
                for (int key = 0; key < DELIVERIES; key++) {
                    expectedEvents += key % 3 + 1;
                }
                for (var tenant : List.of(ACME, GLOBEX)) {
                    var events = readAll(servers.get(2), tenant);
                    assertThat(events).hasSize(expectedEvents);
                    for (int i = 0; i < events.size(); i++) {
                        assertThat(events.get(i).seq()).isEqualTo(i + 1L);
                    }
                    assertThat(servers.get(0).eventLog().lastSeq(tenant)).isEqualTo(expectedEvents);
                    var seqsByDelivery = new HashMap<String, List<Long>>();
                    events.forEach(e -> seqsByDelivery
                            .computeIfAbsent(e.rawRef(), k -> new ArrayList<>())
                            .add(e.seq()));
                    assertThat(seqsByDelivery).hasSize(DELIVERIES);
                    seqsByDelivery
                            .values()
                            .forEach(s -> assertThat(s.getLast() - s.getFirst()).isEqualTo(s.size() - 1L));
                }
                // Whichever server answered, a redelivery names the delivery and events stored the first time.
                var firstByDelivery = new HashMap<String, List<String>>();
                all.stream()
                        .filter(a -> !a.duplicate())
                        .forEach(a -> firstByDelivery.put(
                                a.deliveryId(),
                                a.events().stream().map(Event::id).toList()));
                all.stream()
                        .filter(Appended::duplicate)
                        .forEach(a -> assertThat(
                                        a.events().stream().map(Event::id).toList())
                                .isEqualTo(firstByDelivery.get(a.deliveryId())));
            } finally {
                servers.forEach(PostgresStorage::close);
            }
        }
    }

    private static List<Event> readAll(PostgresStorage storage, TenantId tenant) {
        var events = new ArrayList<Event>();
        var page = storage.eventLog().read(tenant, EventQuery.all(EventQuery.MAX_LIMIT));
        events.addAll(page.events());
        while (page.hasMore()) {
            page = storage.eventLog()
                    .read(tenant, EventQuery.all(EventQuery.MAX_LIMIT).after(page.nextAfter()));
            events.addAll(page.events());
        }
        return events;
    }
}
