package dev.lightfast.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventLog} must do. Each store's test extends this with a fresh, empty log per
 * test (see {@link #log()}).
 */
public abstract class EventLogContract {
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** An empty log, the same instance for the whole test method. */
    protected abstract EventLog log();

    protected static IncomingDelivery delivery(String key, int events) {
        var drafts = new ArrayList<EventDraft>();
        for (int i = 0; i < events; i++) {
            drafts.add(EventDraft.builder("github", i == 0 ? "github.push" : "github.commit.pushed")
                    .occurredAt(T0.plusSeconds(i))
                    .actor(EntityRef.of("person", "github:octocat", "octocat"))
                    .subject(EntityRef.of("repository", "github:octo/repo", "octo/repo"))
                    .title("event " + i + " of " + key)
                    .body("body of " + key)
                    .attribute("n", i)
                    .url("https://github.com/octo/repo")
                    .idempotencyKey(key + "/" + i)
                    .build());
        }
        return new IncomingDelivery(
                "github",
                "con_1",
                key,
                "push",
                Map.of("x-github-delivery", key),
                ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8),
                T0,
                drafts);
    }

    /** A webhook delivery whose body is {@code body}, through {@code connection}, deduplicated by body from {@code since}. */
    private static IncomingDelivery sameBody(String key, String connection, String body, Instant at, Instant since) {
        var draft = EventDraft.builder("github", "github.issue.opened")
                .occurredAt(at)
                .title("issue of " + key)
                .idempotencyKey(key)
                .build();
        return new IncomingDelivery(
                "github",
                connection,
                key,
                "issues",
                Map.of("x-github-delivery", key),
                body.getBytes(StandardCharsets.UTF_8),
                at,
                List.of(draft),
                since);
    }

    @Test
    void anIdenticalBodyThroughTheSameConnectionInsideTheWindowIsTheFirstDeliveryAgain() {
        var first = log().append(ACME, sameBody("guid-1", "con_1", "{\"a\":1}", T0, T0.minusSeconds(60)));
        var replay =
                log().append(ACME, sameBody("guid-2", "con_1", "{\"a\":1}", T0.plusSeconds(30), T0.minusSeconds(30)));
        assertThat(first.duplicate()).isFalse();
        assertThat(replay.duplicate()).isTrue();
        assertThat(replay.deliveryId()).isEqualTo(first.deliveryId());
        assertThat(replay.events()).isEqualTo(first.events());
        assertThat(log().lastSeq(ACME)).isEqualTo(1);

        // Another body, another connection, another tenant, or a window that starts after the first:
        // each is a delivery of its own.
        assertThat(log().append(ACME, sameBody("guid-3", "con_1", "{\"a\":2}", T0, T0))
                        .duplicate())
                .isFalse();
        assertThat(log().append(ACME, sameBody("guid-4", "con_2", "{\"a\":1}", T0, T0))
                        .duplicate())
                .isFalse();
        assertThat(log().append(GLOBEX, sameBody("guid-5", "con_1", "{\"a\":1}", T0, T0))
                        .duplicate())
                .isFalse();
        assertThat(log().append(ACME, sameBody("guid-6", "con_1", "{\"a\":1}", T0.plusSeconds(3600), T0.plusSeconds(1)))
                        .duplicate())
                .isFalse();
        // Without a window (an API submission, a replay by the operator) the body is not compared.
        assertThat(log().append(ACME, sameBody("guid-7", "con_1", "{\"a\":2}", T0, null))
                        .duplicate())
                .isFalse();
    }

    @Test
    void identicalBodiesInOneBatchAreStoredOnce() {
        var outcomes = log().append(
                        ACME,
                        List.of(
                                sameBody("b-1", "con_1", "{\"b\":1}", T0, T0.minusSeconds(60)),
                                sameBody("b-2", "con_1", "{\"b\":1}", T0, T0.minusSeconds(60)),
                                sameBody("b-3", "con_1", "{\"b\":2}", T0, T0.minusSeconds(60))));
        assertThat(outcomes).extracting(Appended::duplicate).containsExactly(false, true, false);
        assertThat(outcomes.get(1).deliveryId()).isEqualTo(outcomes.get(0).deliveryId());
        assertThat(log().lastSeq(ACME)).isEqualTo(2);
    }

    @Test
    void concurrentReplaysOfOneBodyStoreItOnce() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            var futures = new ArrayList<Future<Appended>>();
            for (int i = 0; i < 16; i++) {
                String key = "race-" + i;
                futures.add(pool.submit(
                        () -> log().append(ACME, sameBody(key, "con_1", "{\"race\":true}", T0, T0.minusSeconds(60)))));
            }
            var ids = new java.util.HashSet<String>();
            int fresh = 0;
            for (var f : futures) {
                var a = f.get();
                ids.add(a.deliveryId());
                fresh += a.duplicate() ? 0 : 1;
            }
            assertThat(ids).hasSize(1);
            assertThat(fresh).isEqualTo(1);
        }
        assertThat(log().lastSeq(ACME)).isEqualTo(1);
    }

    @Test
    void emptyLogReadsNothing() {
        var page = log().read(ACME, EventQuery.all(10));
        assertThat(page.events()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.nextAfter()).isZero();
        assertThat(log().lastSeq(ACME)).isZero();
    }

    @Test
    void appendsGetConsecutiveSeqInOrder() {
        var a = log().append(ACME, delivery("d1", 3));
        var b = log().append(ACME, delivery("d2", 2));
        assertThat(a.duplicate()).isFalse();
        assertThat(a.events()).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        assertThat(b.events()).extracting(Event::seq).containsExactly(4L, 5L);
        assertThat(log().read(ACME, EventQuery.all(100)).events())
                .extracting(Event::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log().lastSeq(ACME)).isEqualTo(5);
    }

    @Test
    void storedEventReadsBackAsAppended() {
        var appended = log().append(ACME, delivery("d1", 2)).events().getFirst();
        var read = log().find(ACME, appended.id()).orElseThrow();
        assertThat(read).isEqualTo(appended);
        assertThat(read.rawRef()).isNotBlank();
        assertThat(read.attributes()).containsEntry("n", 0);
        assertThat(read.subjects()).containsExactly(EntityRef.of("repository", "github:octo/repo", "octo/repo"));
    }

    @Test
    void redeliveryIsStoredOnceAndAnswersTheFirstOutcome() {
        var first = log().append(ACME, delivery("d1", 2));
        var again = log().append(ACME, delivery("d1", 2));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.deliveryId()).isEqualTo(first.deliveryId());
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(log().lastSeq(ACME)).isEqualTo(2);
    }

    @Test
    void duplicatesInsideOneBatchAreStoredOnce() {
        var results = log().append(ACME, List.of(delivery("d1", 1), delivery("d1", 1), delivery("d2", 1)));
        assertThat(results).extracting(Appended::duplicate).containsExactly(false, true, false);
        assertThat(log().lastSeq(ACME)).isEqualTo(2);
    }

    @Test
    void rawDeliveryIsKeptByteForByteWithItsHeaders() {
        var d = delivery("d1", 1);
        var stored = log().append(ACME, d);
        var raw = log().findRaw(ACME, stored.deliveryId()).orElseThrow();
        assertThat(raw.body()).isEqualTo(d.body());
        assertThat(raw.headers()).isEqualTo(d.headers());
        assertThat(raw.deliveryKey()).isEqualTo("d1");
        assertThat(raw.eventName()).isEqualTo("push");
        assertThat(raw.source()).isEqualTo("github");
    }

    @Test
    void tenantsHaveTheirOwnSequenceAndSeeOnlyTheirOwnEvents() {
        var mine = log().append(ACME, delivery("d1", 2));
        var theirs = log().append(GLOBEX, delivery("d1", 1));
        assertThat(theirs.duplicate()).as("delivery keys are per tenant").isFalse();
        assertThat(theirs.events().getFirst().seq()).isEqualTo(1);
        assertThat(log().find(GLOBEX, mine.events().getFirst().id())).isEmpty();
        assertThat(log().findRaw(GLOBEX, mine.deliveryId())).isEmpty();
        assertThat(log().read(GLOBEX, EventQuery.all(100)).events()).hasSize(1);
    }

    @Test
    void pagesWithACursor() {
        for (int i = 0; i < 5; i++) {
            log().append(ACME, delivery("d" + i, 1));
        }
        var first = log().read(ACME, EventQuery.all(2));
        assertThat(first.events()).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(first.hasMore()).isTrue();
        var second = log().read(ACME, EventQuery.all(2).after(first.nextAfter()));
        assertThat(second.events()).extracting(Event::seq).containsExactly(3L, 4L);
        var last = log().read(ACME, EventQuery.all(2).after(second.nextAfter()));
        assertThat(last.events()).extracting(Event::seq).containsExactly(5L);
        assertThat(last.hasMore()).isFalse();
        assertThat(log().read(ACME, EventQuery.all(2).after(last.nextAfter())).nextAfter())
                .isEqualTo(5);
    }

    @Test
    void readsNewestFirstWithABeforeCursor() {
        for (int i = 0; i < 5; i++) {
            log().append(ACME, delivery("d" + i, 1));
        }
        log().append(GLOBEX, delivery("g", 3));
        var first = log().read(ACME, EventQuery.all(2).before(Long.MAX_VALUE));
        assertThat(first.events()).extracting(Event::seq).containsExactly(5L, 4L);
        assertThat(first.hasMore()).isTrue();
        var second = log().read(ACME, EventQuery.all(2).before(first.nextAfter()));
        assertThat(second.events()).extracting(Event::seq).containsExactly(3L, 2L);
        var last = log().read(ACME, EventQuery.all(2).before(second.nextAfter()));
        assertThat(last.events()).extracting(Event::seq).containsExactly(1L);
        assertThat(last.hasMore()).isFalse();
        assertThat(log().read(ACME, EventQuery.all(2).before(1)).events()).isEmpty();
        assertThat(log().read(ACME, EventQuery.all(2).before(1)).nextAfter()).isEqualTo(1);
        // Filters and the other tenant's log hold newest first too.
        log().append(ACME, delivery("d5", 3));
        assertThat(log().read(ACME, new EventQuery(0, 10, "github.commit.*", null, null, null, Long.MAX_VALUE))
                        .events())
                .extracting(Event::seq)
                .containsExactly(8L, 7L);
        assertThat(log().read(ACME, new EventQuery(2, 10, null, "github", null, null, 5L))
                        .events())
                .extracting(Event::seq)
                .containsExactly(4L, 3L);
        assertThat(log().read(GLOBEX, EventQuery.all(10).before(Long.MAX_VALUE)).events())
                .extracting(Event::seq)
                .containsExactly(3L, 2L, 1L);
        assertThatThrownBy(() -> EventQuery.all(2).before(0)).isInstanceOf(dev.lightfast.core.InvalidInput.class);
    }

    @Test
    void filtersByTypeSourceAndTime() {
        log().append(ACME, delivery("d1", 3));
        assertThat(log().read(ACME, new EventQuery(0, 10, "github.push", null, null, null))
                        .events())
                .hasSize(1);
        assertThat(log().read(ACME, new EventQuery(0, 10, "github.commit.*", null, null, null))
                        .events())
                .hasSize(2);
        assertThat(log().read(ACME, new EventQuery(0, 10, "github.*", null, null, null))
                        .events())
                .hasSize(3);
        assertThat(log().read(ACME, new EventQuery(0, 10, "github_x.*", null, null, null))
                        .events())
                .isEmpty();
        assertThat(log().read(ACME, new EventQuery(0, 10, null, "github", null, null))
                        .events())
                .hasSize(3);
        assertThat(log().read(ACME, new EventQuery(0, 10, null, "linear", null, null))
                        .events())
                .isEmpty();
        var window = new EventQuery(0, 10, null, null, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(log().read(ACME, window).events()).extracting(Event::seq).containsExactly(2L);
    }

    @Test
    void sameIdempotencyKeyFromAnotherDeliveryPointsAtTheStoredEvent() {
        var first = log().append(ACME, delivery("d1", 1));
        var draft = first.events().getFirst();
        var other = new IncomingDelivery(
                "github",
                "con_1",
                "d2",
                "push",
                Map.of(),
                new byte[] {'{', '}'},
                Instant.now(),
                List.of(delivery("d1", 1).events().getFirst()));
        var second = log().append(ACME, other);
        assertThat(second.duplicate()).isFalse();
        assertThat(second.events()).extracting(Event::id).containsExactly(draft.id());
        assertThat(log().lastSeq(ACME)).isEqualTo(1);
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        var t = Instant.parse("2026-03-01T10:00:00.123456789Z");
        var draft = EventDraft.builder("api", "api.note.added")
                .occurredAt(t)
                .title("note")
                .build();
        var d = new IncomingDelivery("api", null, "k1", "note", Map.of(), new byte[] {'{', '}'}, t, List.of(draft));
        var stored = log().append(ACME, d).events().getFirst();
        assertThat(stored.occurredAt()).isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
        assertThat(log().find(ACME, stored.id()).orElseThrow()).isEqualTo(stored);
    }

    @Test
    void anyTextIsStoredAndReadsBackAsAppended() {
        var draft = EventDraft.builder("api", "api.note.added")
                .occurredAt(T0)
                .title("nul\u0000in a title ✓")
                .body("line\nnext \uD83D\uDE80 nul\u0000")
                .url("https://x.test/\u0000")
                .actor(EntityRef.of("person", "api:nul\u0000", "a\u0000b"))
                .attribute("raw", "nul\u0000inside")
                .attribute("nested", Map.of("list", List.of(1, "two", true)))
                .idempotencyKey("key\u0000")
                .build();
        var d = new IncomingDelivery(
                "api", null, "k1", "note", Map.of("x-h", "v\u0000"), new byte[] {0, 1, 2}, T0, List.of(draft));
        var stored = log().append(ACME, d);
        var event = stored.events().getFirst();
        assertThat(event.title()).doesNotContain("\u0000");
        assertThat(log().find(ACME, event.id())).contains(event);
        var raw = log().findRaw(ACME, stored.deliveryId()).orElseThrow();
        assertThat(raw.body()).containsExactly(0, 1, 2);
        assertThat(raw.headers()).isEqualTo(d.headers());
    }

    /**
     * Raw bodies may be kept compressed; whatever a store does with them, every kind reads back byte
     * for byte: a large repetitive JSON body of a tool with a dictionary and of one without, random
     * bytes that do not compress, a body too small to bother, an empty one, and a replay caught by its
     * body digest.
     */
    @Test
    void rawBodiesOfEveryKindReadBackByteForByte() {
        var json = new StringBuilder("{\"repository\":{");
        for (int i = 0; i < 200; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("\"field_")
                    .append(i)
                    .append("_url\":\"https://api.github.com/repos/octo/repo/")
                    .append(i)
                    .append("\"");
        }
        byte[] large = json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[20_000];
        new java.util.Random(42).nextBytes(random);
        var bodies = new java.util.LinkedHashMap<String, byte[]>();
        bodies.put("github", large);
        bodies.put("vercel", large);
        bodies.put("sentry", random);
        bodies.put("linear", "{}".getBytes(StandardCharsets.UTF_8));
        bodies.put("slack", new byte[0]);
        int n = 0;
        for (var e : bodies.entrySet()) {
            String key = "raw-" + n++;
            var d = new IncomingDelivery(
                    e.getKey(),
                    "con_raw_" + e.getKey(),
                    key,
                    "push",
                    Map.of("content-type", "application/json"),
                    e.getValue(),
                    T0,
                    List.of(EventDraft.builder(e.getKey(), e.getKey() + ".raw")
                            .occurredAt(T0)
                            .title(key)
                            .idempotencyKey(key)
                            .build()),
                    T0.minusSeconds(60));
            var stored = log().append(ACME, d);
            assertThat(log().findRaw(ACME, stored.deliveryId()).orElseThrow().body())
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
            var again = log().append(
                            ACME,
                            new IncomingDelivery(
                                    e.getKey(),
                                    "con_raw_" + e.getKey(),
                                    key + "-replayed",
                                    "push",
                                    Map.of(),
                                    e.getValue().clone(),
                                    T0.plusSeconds(1),
                                    List.of(),
                                    T0.minusSeconds(60)));
            assertThat(again.duplicate()).as(e.getKey()).isTrue();
            assertThat(again.deliveryId()).isEqualTo(stored.deliveryId());
        }
    }

    @Test
    void concurrentAppendsGetDistinctGaplessSeq() throws Exception {
        int writers = 8;
        int each = 25;
        try (var pool = Executors.newFixedThreadPool(writers)) {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        log().append(i % 2 == 0 ? ACME : GLOBEX, delivery("w" + id + "-" + i, 2));
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        for (var tenant : List.of(ACME, GLOBEX)) {
            var seqs = log().read(tenant, EventQuery.all(1000)).events().stream()
                    .map(Event::seq)
                    .toList();
            assertThat(seqs).hasSize(seqs.size()).doesNotHaveDuplicates().isSorted();
            assertThat(seqs.getLast()).isEqualTo(seqs.size());
        }
    }

    @Test
    void rejectsBadQueries() {
        assertThatThrownBy(() -> new EventQuery(-1, 10, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventQuery.all(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventQuery.all(1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
