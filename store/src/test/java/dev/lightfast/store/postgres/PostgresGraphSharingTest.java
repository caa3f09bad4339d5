package dev.lightfast.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.GraphProjector;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.graph.RelationType;
import dev.lightfast.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Several stores on one database, each with its own pool, as several server processes would be,
 * projecting the same tenant's log at once: the tenant's checkpoint row is the lease, so every
 * event's facts land exactly once and none is skipped. The result must be the graph one projector
 * alone derives from the same log.
 */
class PostgresGraphSharingTest {
    private static final int SERVERS = 3;
    private static final int PULL_REQUESTS = 100; // three events each: opened, reviewed, merged
    private static final int PEOPLE = 7;
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId SOLO = TenantId.of("solo");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final EntityRef REPO = EntityRef.of("repository", "github:o/r", "o/r");
    /** Each table of the graph with the columns that must agree (event ids differ between tenants). */
    private static final Map<String, String> COLUMNS = Map.of(
            "graph_checkpoints", "seq",
            "entities", "id, kind, key, name, first_seq, last_seq, first_seen, last_seen",
            "entity_attributes", "entity_id, seq, valid_from, attributes::text",
            "graph_events", "seq, type, url, occurred_at",
            "entity_events", "entity_id, seq, occurred_at",
            "relations", "from_id, type, to_id, recorded_seq, valid_from, valid_to, ended_seq",
            "relation_citations", "from_id, type, to_id, recorded_seq, seq",
            "entity_aliases", "entity_id, kind, value, evidence, seq",
            "alias_owners", "kind, value, entity_id",
            "entity_merges", "merged_id, into_id, alias_kind, alias_value, evidence, seq");

    private PostgresTestSchema schema;
    private final List<PostgresStorage> servers = new ArrayList<>();

    @BeforeEach
    void open() {
        schema = PostgresTestSchema.create();
        for (int s = 0; s < SERVERS; s++) {
            servers.add(PostgresStorage.open(schema.url(), 4));
        }
    }

    @AfterEach
    void close() {
        servers.forEach(PostgresStorage::close);
        if (schema != null) {
            schema.close();
        }
    }

    private static EntityRef person(int n) {
        return EntityRef.of("person", "github:user" + n, "user" + n);
    }

    private static EntityRef pr(int n) {
        return EntityRef.of("pull_request", "github:o/r/pull/" + n, "o/r#" + n);
    }

    /** Pull request {@code n}'s three events, as GitHub's connector would normalize them. */
    private static List<IncomingDelivery> deliveriesOf(int n) {
        var out = new ArrayList<IncomingDelivery>();
        int author = n % PEOPLE;
        int reviewer = (n + 1) % PEOPLE;
        for (String step : List.of("opened", "reviewed", "merged")) {
            int actor = step.equals("reviewed") ? reviewer : author;
            String type =
                    step.equals("reviewed") ? "github.pull_request_review.submitted" : "github.pull_request." + step;
            var draft = EventDraft.builder("github", type)
                    .occurredAt(T0.plusSeconds(n * 60L + out.size()))
                    .actor(person(actor))
                    .subject(pr(n))
                    .subject(REPO)
                    .title("o/r#" + n + " " + step)
                    .attribute("pr", n)
                    .attribute("author", author)
                    .attribute("reviewer", reviewer)
                    .url("https://github.com/o/r/pull/" + n)
                    .idempotencyKey("pr" + n + "/" + step)
                    .build();
            out.add(new IncomingDelivery(
                    "github",
                    "con",
                    "pr" + n + "/" + step,
                    "pull_request",
                    Map.of(),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    T0,
                    List.of(draft)));
        }
        return out;
    }

    /**
     * GitHub-like facts: who opened, reviewed and merged, review requests that end with the review,
     * the state as attributes, and each author's email joining a second person into them.
     */
    private static final GraphExtractor PULL_REQUESTS_GRAPH = (Event e, MentionScanner mentions) -> {
        int n = ((Number) e.attributes().get("pr")).intValue();
        var author = person(((Number) e.attributes().get("author")).intValue());
        var reviewer = person(((Number) e.attributes().get("reviewer")).intValue());
        var at = e.occurredAt();
        String email = author.key().substring("github:".length()) + "@example.com";
        return switch (e.type()) {
            case "github.pull_request.opened" ->
                List.of(
                        new GraphFact.Describes(pr(n), Map.of("state", "open", "number", n), at),
                        new GraphFact.Relates(RelationType.OPENED, author, pr(n), at),
                        new GraphFact.Relates(RelationType.BELONGS_TO, pr(n), REPO, at),
                        new GraphFact.Relates(RelationType.REVIEW_REQUESTED, pr(n), reviewer, at),
                        new GraphFact.Identifies(
                                author, new Alias("github_login", author.label()), "GitHub sent " + author.label()));
            case "github.pull_request_review.submitted" ->
                List.of(
                        new GraphFact.Relates(RelationType.REVIEWED, reviewer, pr(n), at),
                        new GraphFact.Ends(RelationType.REVIEW_REQUESTED, pr(n), reviewer, at));
            default ->
                List.of(
                        new GraphFact.Describes(pr(n), Map.of("state", "merged"), at),
                        new GraphFact.Relates(RelationType.MERGED, author, pr(n), at),
                        new GraphFact.Identifies(
                                EntityRef.of("person", "email:" + email, email),
                                Alias.email(email),
                                "commit by " + email),
                        new GraphFact.Identifies(author, Alias.email(email), author.label() + " merged as " + email));
        };
    };

    /** Only GitHub, with the extractor above; nothing else of a connector is used by the projector. */
    private static Connectors github() {
        return new Connectors(List.of(new WebhookConnector() {
            @Override
            public String provider() {
                return "github";
            }

            @Override
            public Set<String> keptHeaders() {
                return Set.of();
            }

            @Override
            public void verify(WebhookRequest request, String secret, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Reception receive(WebhookRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<EventDraft> normalize(
                    String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EventDraft raw(String deliveryKey, String eventName, JsonNode payload, Instant receivedAt) {
                throw new UnsupportedOperationException();
            }

            @Override
            public GraphExtractor graph() {
                return PULL_REQUESTS_GRAPH;
            }
        }));
    }

    private List<String> dump(TenantId tenant) throws SQLException {
        var rows = new ArrayList<String>();
        // As the owner, outside row-level security: this reads what is stored, not what a tenant sees.
        try (var c = schema.owner()) {
            for (var table : COLUMNS.keySet().stream().sorted().toList()) {
                try (var st = c.prepareStatement("SELECT concat_ws(' | ', " + COLUMNS.get(table)
                        + ") COLLATE \"C\" FROM " + table + " WHERE tenant_id = ? ORDER BY 1")) {
                    st.setString(1, tenant.value());
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            rows.add(table + ": " + rs.getString(1));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private long count(String sql, TenantId tenant) throws SQLException {
        try (var c = schema.owner();
                var st = c.prepareStatement(sql)) {
            st.setString(1, tenant.value());
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The same history in a second tenant, projected by one projector alone: what the graph must be. */
    private void projectAlone(TenantId tenant) {
        var projector = new GraphProjector(
                servers.getFirst().eventLog(), servers.getFirst().graph(), github());
        while (projector.catchUp(tenant) > 0) {
            // until the whole log is applied
        }
    }

    @Test
    void serversProjectingOneTenantAtOnceApplyEveryEventExactlyOnce() throws Exception {
        var appending = new AtomicBoolean(true);
        var start = new CyclicBarrier(SERVERS + 1);
        var work = new ArrayList<Future<Integer>>();
        try (var threads = Executors.newFixedThreadPool(SERVERS + 1)) {
            // The log grows while the projectors follow it, so their batches overlap.
            work.add(threads.submit((Callable<Integer>) () -> {
                start.await();
                for (int n = 0; n < PULL_REQUESTS; n++) {
                    servers.get(n % SERVERS).eventLog().append(ACME, deliveriesOf(n));
                }
                appending.set(false);
                return 0;
            }));
            for (var server : servers) {
                var projector = new GraphProjector(server.eventLog(), server.graph(), github());
                work.add(threads.submit((Callable<Integer>) () -> {
                    start.await();
                    int applied = 0;
                    while (appending.get()
                            || server.graph().checkpoint(ACME)
                                    < server.eventLog().lastSeq(ACME)) {
                        int n = projector.catchUp(ACME);
                        applied += n;
                        if (n == 0) {
                            Thread.sleep(2);
                        }
                    }
                    return applied;
                }));
            }
            for (var f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        long events = 3L * PULL_REQUESTS;
        assertThat(servers.getFirst().eventLog().lastSeq(ACME)).isEqualTo(events);
        for (var server : servers) {
            assertThat(server.graph().checkpoint(ACME)).isEqualTo(events);
        }
        // Each event cites its actor, its pull request and the repository, an opening also the reviewer
        // asked, a merge also the author's email person: no event missing, none twice.
        assertThat(count("SELECT count(*) FROM entity_events WHERE tenant_id = ?", ACME))
                .isEqualTo(11L * PULL_REQUESTS);
        assertThat(count("SELECT count(DISTINCT seq) FROM entity_events WHERE tenant_id = ?", ACME))
                .isEqualTo(events);
        // belongs_to: one stretch per pull request, cited by its opening event only (its recorded_seq:
        // no citation row).
        assertThat(count("SELECT count(*) FROM relations WHERE tenant_id = ? AND type = 'belongs_to'", ACME))
                .isEqualTo(PULL_REQUESTS);
        assertThat(count("SELECT count(*) FROM relation_citations WHERE tenant_id = ? AND type = 'belongs_to'", ACME))
                .isZero();
        // Every review request ended once, by the review.
        assertThat(count(
                        "SELECT count(*) FROM relations WHERE tenant_id = ? AND type = 'review_requested'"
                                + " AND ended_seq IS NOT NULL",
                        ACME))
                .isEqualTo(PULL_REQUESTS);
        // Each author's email person merged into them once.
        assertThat(count("SELECT count(*) FROM entity_merges WHERE tenant_id = ?", ACME))
                .isEqualTo(PEOPLE);

        for (int n = 0; n < PULL_REQUESTS; n++) {
            servers.get(0).eventLog().append(SOLO, deliveriesOf(n));
        }
        projectAlone(SOLO);
        assertThat(dump(ACME)).isEqualTo(dump(SOLO)).hasSizeGreaterThan((int) (5 * events));
    }

    @Test
    void overlappingBatchesAppliedFromManyThreadsLandOnce() throws Exception {
        for (int n = 0; n < PULL_REQUESTS; n++) {
            servers.get(0).eventLog().append(ACME, deliveriesOf(n));
        }
        var projector =
                new GraphProjector(servers.get(0).eventLog(), servers.get(0).graph(), github());
        List<GraphStore.Projected> all = new ArrayList<>();
        for (Event e :
                servers.get(0).eventLog().read(ACME, EventQuery.all(1_000)).events()) {
            all.add(new GraphStore.Projected(e, PULL_REQUESTS_GRAPH.extract(e, MentionScanner.NONE)));
        }
        int threadsPerServer = 2;
        var start = new CyclicBarrier(SERVERS * threadsPerServer);
        try (var threads = Executors.newFixedThreadPool(SERVERS * threadsPerServer)) {
            var work = new ArrayList<Future<?>>();
            for (var server : servers) {
                for (int t = 0; t < threadsPerServer; t++) {
                    work.add(threads.submit((Callable<Void>) () -> {
                        start.await();
                        var random = ThreadLocalRandom.current();
                        while (server.graph().checkpoint(ACME) < all.size()) {
                            // A window around the checkpoint as this thread last saw it: some already applied,
                            // some beyond a gap (as a batch read before a reset would be).
                            // Clamped: the checkpoint may reach the end between the loop's test and here.
                            int from = (int) Math.min(
                                    all.size() - 1,
                                    Math.max(
                                            0,
                                            server.graph().checkpoint(ACME)
                                                    - random.nextInt(20)
                                                    + random.nextInt(-1, 2)));
                            int to = Math.min(all.size(), from + 1 + random.nextInt(40));
                            server.graph().apply(ACME, all.subList(from, to));
                        }
                        return null;
                    }));
                }
            }
            for (var f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
        for (int n = 0; n < PULL_REQUESTS; n++) {
            servers.get(0).eventLog().append(SOLO, deliveriesOf(n));
        }
        projectAlone(SOLO);
        assertThat(projector.checkpoint(ACME)).isEqualTo(all.size());
        assertThat(dump(ACME)).isEqualTo(dump(SOLO));
    }

    @Test
    void aBatchWhoseLeaseIsHeldIsLeftToTheHolderAndTakenOverWhenTheHolderDies() throws Exception {
        for (int n = 0; n < 2; n++) {
            servers.get(0).eventLog().append(ACME, deliveriesOf(n));
        }
        var events = servers.get(0).eventLog().read(ACME, EventQuery.all(10)).events();
        List<GraphStore.Projected> batch = new ArrayList<>();
        for (Event e : events) {
            batch.add(new GraphStore.Projected(e, PULL_REQUESTS_GRAPH.extract(e, MentionScanner.NONE)));
        }
        var graph = servers.get(1).graph();
        graph.apply(ACME, batch.subList(0, 3));
        // Another process is in the middle of applying the next events: it holds the tenant's row.
        var other = schema.owner();
        other.setAutoCommit(false);
        int otherPid;
        try (var st = other.createStatement()) {
            st.execute("SELECT seq FROM graph_checkpoints WHERE tenant_id = 'acme' FOR UPDATE");
            var rs = st.executeQuery("SELECT pg_backend_pid()");
            rs.next();
            otherPid = rs.getInt(1);
        }
        graph.apply(ACME, batch);
        assertThat(graph.checkpoint(ACME)).isEqualTo(3);
        // It dies before committing: its lease goes with its connection, and the batch is applied here.
        other.close();
        awaitGone(otherPid);
        graph.apply(ACME, batch);
        assertThat(graph.checkpoint(ACME)).isEqualTo(6);
        assertThat(graph.relations(ACME, EntityIds.of(pr(1)), AsOf.NOW, Set.of("opened")))
                .singleElement()
                .satisfies(r -> assertThat(r.citations()).hasSize(1));
    }

    @Test
    void aLeaseWhoseHolderFallsSilentExpiresAndIsTakenOver() throws Exception {
        for (int n = 0; n < 2; n++) {
            servers.get(0).eventLog().append(ACME, deliveriesOf(n));
        }
        List<GraphStore.Projected> batch = new ArrayList<>();
        for (Event e : servers.get(0).eventLog().read(ACME, EventQuery.all(10)).events()) {
            batch.add(new GraphStore.Projected(e, PULL_REQUESTS_GRAPH.extract(e, MentionScanner.NONE)));
        }
        var graph = servers.get(1).graph();
        graph.apply(ACME, batch.subList(0, 3));
        // A holder takes the lease as the store does, then stops talking (a stalled process): it
        // neither commits nor closes its connection.
        var silent = schema.owner();
        silent.setAutoCommit(false);
        assertThat(PostgresGraphStore.takeLease(silent, "acme", java.time.Duration.ofMillis(300)))
                .hasValue(3);
        graph.apply(ACME, batch);
        assertThat(graph.checkpoint(ACME)).as("held by the silent holder").isEqualTo(3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (graph.checkpoint(ACME) < 6) {
            assertThat(System.nanoTime())
                    .as("the silent holder's lease expired")
                    .isLessThan(deadline);
            Thread.sleep(50);
            graph.apply(ACME, batch);
        }
        assertThat(graph.relations(ACME, EntityIds.of(pr(1)), AsOf.NOW, Set.of("opened")))
                .singleElement()
                .satisfies(r -> assertThat(r.citations()).hasSize(1));
        assertThat(silent.isValid(2))
                .as("the database ended the silent holder's session")
                .isFalse();
        silent.close();
    }

    @Test
    void aBatchReadBeforeAResetIsNotAppliedOverTheGap() {
        for (int n = 0; n < 2; n++) {
            servers.get(0).eventLog().append(ACME, deliveriesOf(n));
        }
        List<GraphStore.Projected> batch = new ArrayList<>();
        for (Event e : servers.get(0).eventLog().read(ACME, EventQuery.all(10)).events()) {
            batch.add(new GraphStore.Projected(e, PULL_REQUESTS_GRAPH.extract(e, MentionScanner.NONE)));
        }
        var graph = servers.get(0).graph();
        graph.apply(ACME, batch.subList(0, 3));
        // Another server rebuilds while this one has read the events after seq 3.
        servers.get(1).graph().reset(ACME);
        graph.apply(ACME, batch.subList(3, 6));
        assertThat(graph.checkpoint(ACME)).isZero();
        assertThat(graph.entity(ACME, EntityIds.of(pr(1)), AsOf.NOW)).isEmpty();
        graph.apply(ACME, batch);
        assertThat(graph.checkpoint(ACME)).isEqualTo(6);
    }

    /** A closed connection's server process ends (and lets go of its locks) a moment later. */
    private void awaitGone(int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (var c = schema.owner();
                var st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            st.setInt(1, pid);
            while (true) {
                try (var rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime())
                        .as("backend %d still running", pid)
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }
}
