package dev.lightfast.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.tenant.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever order deliveries arrive in, however often they are redelivered and however they are
 * split between concurrent callers: each delivery is stored once, and each tenant's seq is strictly
 * increasing without gaps.
 */
class AppendOrderProperties {
    private static final TenantId TENANT = TenantId.of("prop");
    private static java.nio.file.Path root;

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("lightfast-prop");
    }

    @AfterContainer
    static void removeRoot() throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A delivery key and how many events it carries; a key drawn twice is a redelivery. */
    record Arrival(int key, int events, int caller) {}

    @Provide
    Arbitrary<List<Arrival>> arrivals() {
        var arrival = net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 3))
                .as(Arrival::new);
        return arrival.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void eachDeliveryIsStoredOnceInStrictSeqOrder(@ForAll("arrivals") List<Arrival> arrivals) throws Exception {
        var dir = Files.createTempDirectory(root, "log");
        try (var storage = SqliteStorage.open(dir)) {
            var log = storage.eventLog();
            var byCaller = new HashMap<Integer, List<Arrival>>();
            arrivals.forEach(a ->
                    byCaller.computeIfAbsent(a.caller(), c -> new ArrayList<>()).add(a));
            var results = new ArrayList<Future<List<Appended>>>();
            try (var pool = Executors.newFixedThreadPool(4)) {
                for (var mine : byCaller.values()) {
                    results.add(pool.submit(() -> {
                        var out = new ArrayList<Appended>();
                        for (var a : mine) {
                            out.add(log.append(TENANT, delivery(a)));
                        }
                        return out;
                    }));
                }
            }
            var firstEventsByKey = new HashMap<String, Integer>();
            int fresh = 0;
            for (var f : results) {
                for (var appended : f.get()) {
                    String key = appended.deliveryId();
                    if (!appended.duplicate()) {
                        fresh++;
                        firstEventsByKey.put(key, appended.events().size());
                    }
                }
            }
            long distinctKeys = arrivals.stream().map(Arrival::key).distinct().count();
            assertThat(fresh).as("one fresh store per distinct delivery").isEqualTo((int) distinctKeys);

            var events = log.read(TENANT, EventQuery.all(1000)).events();
            var seqs = events.stream().map(Event::seq).toList();
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
            assertThat(events.size())
                    .isEqualTo(firstEventsByKey.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum());
            // All events of one delivery are contiguous: a delivery is atomic.
            Map<String, List<Long>> seqsByDelivery = new HashMap<>();
            events.forEach(e -> seqsByDelivery
                    .computeIfAbsent(e.rawRef(), k -> new ArrayList<>())
                    .add(e.seq()));
            seqsByDelivery
                    .values()
                    .forEach(s -> assertThat(s.getLast() - s.getFirst()).isEqualTo(s.size() - 1L));
        }
    }

    private static IncomingDelivery delivery(Arrival a) {
        var drafts = new ArrayList<EventDraft>();
        // The events a delivery carries are fixed by its key: a redelivery is the same payload.
        int n = 1 + a.key() % 4;
        for (int i = 0; i < n; i++) {
            drafts.add(EventDraft.builder("github", "github.push")
                    .occurredAt(Instant.parse("2026-01-01T00:00:00Z"))
                    .actor(EntityRef.of("person", "github:octocat", "octocat"))
                    .title("delivery " + a.key() + " event " + i)
                    .idempotencyKey("k" + a.key() + "/" + i)
                    .build());
        }
        return new IncomingDelivery(
                "github",
                "con",
                "k" + a.key(),
                "push",
                Map.of(),
                ("{\"k\":" + a.key() + "}").getBytes(StandardCharsets.UTF_8),
                Instant.now(),
                drafts);
    }
}
