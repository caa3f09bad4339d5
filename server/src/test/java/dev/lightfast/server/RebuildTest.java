package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived state is only a function of the log: rebuilding it gives the same answers. */
class RebuildTest {
    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path dir;

    @Test
    void rebuilding_the_graph_index_rule_verdicts_claims_and_patterns_from_the_log_gives_identical_answers() {
        try (var engine = Engine.open(dir, Clock.systemUTC())) {
            var now = engine.clock().instant();
            engine.storage()
                    .tenants()
                    .create(
                            new Tenant(ACME, "acme", now),
                            ApiKeys.issue(ACME, now).stored());
            engine.storage().connections().create(new Connection("con_1", ACME, "github", "s3cret", now));
            // Rules judge the history as it arrives; one reads the graph, one waits for its window.
            for (var rule : List.of(
                    Map.of("name", "merged", "on", Map.of("type", "github.pull_request.*")),
                    Map.of(
                            "name",
                            "reviewed",
                            "on",
                            Map.of("type", "github.pull_request.opened"),
                            "expect",
                            Map.of("type", "github.pull_request_review.*", "within", "P3D")),
                    Map.of(
                            "name",
                            "deploys ship known commits",
                            "on",
                            Map.of("type", "github.deployment.*"),
                            "require",
                            "events(subject(event, 'commit'), 'github.push').size() > 0"))) {
                engine.rules().create(ACME, dev.lightfast.core.rule.RuleSpec.fromJson(Json.MAPPER.valueToTree(rule)));
            }
            int n = 0;
            for (var f : GithubFixtures.all()) {
                if (f.path().startsWith("pull_request")
                        || f.path().startsWith("push")
                        || f.path().startsWith("issue")
                        || f.path().startsWith("deployment")
                        || f.path().startsWith("release")) {
                    engine.ingestion()
                            .replay(
                                    "github",
                                    "con_1",
                                    new WebhookRequest(
                                            GithubFixtures.signedHeaders(f, "s3cret", "delivery-" + n++), f.body()));
                }
            }
            // A conversation whose messages name the one they answer: the index holds each with its
            // exchange, and a message is indexed again when its first reply arrives.
            String previous = null;
            List<String> turns = List.of(
                    "How long have you been married?",
                    "Five years already!",
                    "Where did you go for the honeymoon?",
                    "Hiking in the Rockies.");
            for (int i = 0; i < turns.size(); i++) {
                String speaker = i % 2 == 0 ? "Caroline" : "Melanie";
                var appended = engine.submission()
                        .submit(
                                ACME,
                                new EventDraft(
                                        "chat",
                                        "chat.message.posted",
                                        now.plusSeconds(i),
                                        EntityRef.of("person", "chat:" + speaker.toLowerCase(), speaker),
                                        List.of(),
                                        speaker + ": " + turns.get(i),
                                        turns.get(i),
                                        Map.of(),
                                        null,
                                        previous == null ? List.of() : List.of(previous),
                                        "turn-" + i),
                                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                previous = appended.events().getFirst().id();
            }
            engine.catchUp();
            String before = snapshot(engine);
            var applied = engine.rebuild(ACME);
            assertThat(applied.get(0))
                    .isEqualTo(applied.get(1))
                    .isEqualTo(applied.get(2))
                    .isEqualTo(applied.get(3))
                    .isEqualTo(applied.get(4))
                    .isEqualTo((int) engine.storage().eventLog().lastSeq(ACME));
            assertThat(snapshot(engine)).isEqualTo(before);
        }
    }

    /** Entities, their relations and timelines, search hits and answers, as one comparable text. */
    private static String snapshot(Engine engine) {
        var graph = engine.storage().graph();
        List<Object> out = new ArrayList<>();
        for (String q : List.of("o", "codertocat", "hello-world", "#2", "#1")) {
            for (Entity e : graph.find(ACME, q, null, 50)) {
                out.add(e);
                out.add(graph.relations(ACME, e.id(), AsOf.NOW, Set.of()));
                out.add(graph.timeline(ACME, e.id(), AsOf.seq(20), 0, 100));
                out.add(graph.entity(ACME, e.id(), AsOf.seq(10)));
            }
        }
        for (String q : List.of(
                "spelling error in the readme",
                "deployment to production",
                "merged pull request",
                "how long has Melanie been married",
                "honeymoon in the Rockies")) {
            for (SearchMode mode : SearchMode.values()) {
                out.add(engine.search().search(ACME, SearchQuery.of(q, 10).withMode(mode)));
            }
            out.add(engine.answerer().answer(ACME, q, AsOf.NOW, 10));
        }
        out.add(engine.answerer().answer(ACME, "who reviewed the PR that fixed #1?", AsOf.NOW, 10));
        // Truth, why-chains and patterns: derived from claims and observations, read as of now and the past.
        var truths = new ArrayList<Object>();
        for (String q : List.of("o", "#1", "#2", "hello-world")) {
            for (Entity e : graph.find(ACME, q, null, 50)) {
                truths.add(engine.truths().of(ACME, e.id(), null, AsOf.NOW));
                truths.add(engine.truths().of(ACME, e.id(), null, AsOf.seq(10)));
                truths.add(engine.why().explain(ACME, e, AsOf.NOW));
            }
        }
        assertThat(truths.stream().filter(t -> t instanceof List<?> l && !l.isEmpty()))
                .as("the history states claims")
                .isNotEmpty();
        out.add(truths);
        out.add(engine.storage()
                .claims()
                .conflicts(ACME, new dev.lightfast.core.claim.ConflictQuery(null, null, AsOf.seq(40), null, 200)));
        var patterns = engine.patterns().of(ACME, null, java.time.Duration.ofHours(1));
        assertThat(patterns).as("the history has patterns").isNotEmpty();
        out.add(patterns);
        out.add(engine.storage().patterns().observations(ACME, null));
        out.add(engine.answerer().answer(ACME, "why was #1 fixed?", AsOf.NOW, 10));
        var rules = engine.storage().rules();
        var violations = rules.violations(ACME, dev.lightfast.core.rule.ViolationQuery.all(500))
                .violations();
        assertThat(violations).isNotEmpty();
        out.add(violations);
        out.add(rules.pending(ACME));
        out.add(new java.util.TreeMap<>(rules.stats(ACME)));
        out.add(rules.checkpoint(ACME));
        return Json.MAPPER.writeValueAsString(Map.of("snapshot", out));
    }
}
