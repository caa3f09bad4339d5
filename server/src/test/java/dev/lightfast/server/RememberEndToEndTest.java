package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubFixtures;
import dev.lightfast.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graph, search and answers over real HTTP, on a small history built from GitHub's own
 * example payloads: an issue, a pull request that fixes it, a review, the merge, a deployment.
 */
class RememberEndToEndTest {
    private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @TempDir
    Path dir;

    private TestServer server;
    private TestServer.TestTenant acme;
    private final Map<String, Long> seqOf = new java.util.HashMap<>();

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        acme = server.tenant("acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(TestServer.TestTenant tenant, String path, String delivery, Consumer<ObjectNode> edit) {
        var fixture = GithubFixtures.get(path);
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(fixture.body());
        edit.accept(body);
        var reply = server.github(tenant, fixture.event(), delivery, Json.MAPPER.writeValueAsBytes(body));
        assertThat(reply.status()).as(reply.text()).isEqualTo(202);
        var events = server.get("/v1/events/" + reply.get("eventIds").get(0).stringValue(), tenant.apiKey());
        seqOf.put(delivery, events.get("seq").asLong());
    }

    /** Issue #1 opened; PR #2 opened saying "Fixes #1"; reviewed; merged; its merge commit deployed. */
    private void history(TestServer.TestTenant tenant) {
        send(tenant, "issues/15-opened.json", "d-issue", b -> {});
        send(
                tenant,
                "pull_request/00-opened.json",
                "d-pr-opened",
                b -> ((ObjectNode) b.get("pull_request")).put("body", "Fixes #1: correct the spelling in the README."));
        send(tenant, "pull_request_review/00-submitted.json", "d-review", b -> {});
        send(tenant, "pull_request/03-closed.json", "d-merged", b -> {
            var pr = (ObjectNode) b.get("pull_request");
            pr.put("merged", true);
            pr.put("merge_commit_sha", SHA);
            pr.set("merged_by", b.get("sender"));
        });
        send(tenant, "deployment/00-created.json", "d-deploy", b -> ((ObjectNode) b.get("deployment")).put("sha", SHA));
        server.awaitProjected(tenant);
    }

    private JsonNode answer(String question) {
        var reply = server.post("/v1/answer", acme.apiKey(), Map.of("question", question));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> evidenceTypes(JsonNode answer, int top) {
        var types = new ArrayList<String>();
        for (JsonNode e : answer.get("evidence")) {
            if (types.size() < top) {
                types.add(e.get("type").stringValue());
            }
        }
        return types;
    }

    @Test
    void answers_who_reviewed_the_pr_that_fixed_an_issue_with_the_review_cited_first() {
        history(acme);
        var answer = answer("Who reviewed the PR that fixed #1?");
        assertThat(evidenceTypes(answer, 1)).containsExactly("github.pull_request_review.submitted");
        var first = answer.get("evidence").get(0);
        assertThat(first.get("citation").get("url").stringValue()).startsWith("https://github.com/");
        assertThat(answer.get("summary").get(0).get("text").stringValue())
                .contains("#2")
                .contains("reviewed by");
        assertThat(answer.get("summary").get(0).get("citations").get(0).stringValue())
                .isEqualTo(first.get("eventId").stringValue());
    }

    @Test
    void answers_which_deploy_shipped_a_commit() {
        history(acme);
        var answer = answer("Which deploy shipped commit " + SHA.substring(0, 7) + "?");
        assertThat(evidenceTypes(answer, 3)).contains("github.deployment.created");
        assertThat(answer.get("summary").get(0).get("text").stringValue()).contains("shipped by");
    }

    @Test
    void as_of_shows_the_pull_request_open_before_its_merge_and_merged_after() {
        history(acme);
        var found = server.get(
                "/v1/entities?kind=pull_request&key="
                        + URLEncoder.encode("github:Codertocat/Hello-World/pull/2", StandardCharsets.UTF_8),
                acme.apiKey());
        String id = found.get("entities").get(0).get("id").stringValue();
        long merged = seqOf.get("d-merged");
        var before = server.get("/v1/entities/" + id + "?asOf=" + (merged - 1), acme.apiKey());
        var after = server.get("/v1/entities/" + id + "?asOf=" + merged, acme.apiKey());
        assertThat(before.get("attributes").get("state").stringValue()).isEqualTo("open");
        assertThat(after.get("attributes").get("state").stringValue()).isEqualTo("merged");
        var relatedBefore =
                server.get("/v1/entities/" + id + "/related?type=merged&asOf=" + (merged - 1), acme.apiKey());
        assertThat(relatedBefore.get("relations")).isEmpty();
        var relatedAfter = server.get("/v1/entities/" + id + "/related?type=merged,fixes", acme.apiKey());
        assertThat(relatedAfter.get("relations")).hasSize(2);
        relatedAfter
                .get("relations")
                .forEach(r -> assertThat(r.get("relation").get("citations")).isNotEmpty());
        var timeline = server.get("/v1/entities/" + id + "/timeline?asOf=" + merged, acme.apiKey());
        assertThat(timeline.get("events")
                        .get(timeline.get("events").size() - 1)
                        .get("type")
                        .stringValue())
                .isEqualTo("github.pull_request.merged");
    }

    @Test
    void search_hits_cite_their_events_and_the_index_is_isolated_between_tenants_with_identical_texts() {
        history(acme);
        var globex = server.tenant("globex");
        history(globex);
        for (var tenant : List.of(acme, globex)) {
            var hits = server.get("/v1/search?q=spelling%20error%20readme&limit=5", tenant.apiKey());
            assertThat(hits.status()).isEqualTo(200);
            assertThat(hits.get("hits")).isNotEmpty();
            for (JsonNode hit : hits.get("hits")) {
                String eventId = hit.get("eventId").stringValue();
                assertThat(hit.get("citations").get(0).get("eventId").stringValue())
                        .isEqualTo(eventId);
                // Its actor and subjects as entities (id, kind, label), the subjects in the same order.
                JsonNode event =
                        server.get("/v1/events/" + eventId, tenant.apiKey()).json();
                assertThat(hit.get("about")).hasSize(hit.get("subjects").size());
                for (int i = 0; i < hit.get("about").size(); i++) {
                    JsonNode about = hit.get("about").get(i);
                    assertThat(about.get("id").stringValue()).startsWith("ent_");
                    assertThat(about.get("kind").stringValue())
                            .isEqualTo(event.get("subjects").get(i).get("kind").stringValue());
                    assertThat(about.get("label").stringValue()).isNotBlank();
                }
                if (event.has("actor")) {
                    assertThat(hit.get("actor").get("kind").stringValue())
                            .isEqualTo(event.get("actor").get("kind").stringValue());
                    assertThat(hit.get("actor").get("label").stringValue()).isNotBlank();
                }
                // The hit is the tenant's own event, and the other tenant cannot read it.
                assertThat(server.get("/v1/events/" + eventId, tenant.apiKey()).status())
                        .isEqualTo(200);
                var other = tenant == acme ? globex : acme;
                assertThat(server.get("/v1/events/" + eventId, other.apiKey()).status())
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void search_modes_and_filters_work_and_bad_input_is_a_clear_400() {
        history(acme);
        for (String mode : List.of("keyword", "vector", "hybrid")) {
            var r = server.get("/v1/search?q=deployment%20to%20production&mode=" + mode, acme.apiKey());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.get("mode").stringValue()).isEqualTo(mode);
        }
        var typed = server.get("/v1/search?q=readme&type=github.issue.*", acme.apiKey());
        typed.get("hits").forEach(h -> assertThat(h.get("type").stringValue()).startsWith("github.issue."));
        var bySha = server.get("/v1/search?q=" + SHA.substring(0, 7) + "&mode=keyword", acme.apiKey());
        assertThat(bySha.get("hits")).isNotEmpty();
        assertThat(server.get("/v1/search", acme.apiKey()).status()).isEqualTo(400);
        assertThat(server.get("/v1/search?q=x&mode=psychic", acme.apiKey()).text())
                .contains("mode must be one of");
        assertThat(server.get("/v1/search?q=x&limit=0", acme.apiKey()).status()).isEqualTo(400);
        assertThat(server.get("/v1/entities/ent_nope", acme.apiKey()).status()).isEqualTo(404);
        assertThat(server.get("/v1/entities/ent_nope/related?depth=9", acme.apiKey())
                        .status())
                .isIn(400, 404);
        assertThat(server.post("/v1/answer", acme.apiKey(), Map.of("question", " "))
                        .status())
                .isEqualTo(400);
        assertThat(server.get("/v1/search?q=readme", null).status()).isEqualTo(401);
    }

    @Test
    void projections_say_how_far_the_graph_and_the_index_have_read_the_callers_log() {
        history(acme);
        var globex = server.tenant("globex");
        long lastSeq = server.get("/v1/events?limit=1000", acme.apiKey())
                .get("nextAfter")
                .asLong();
        assertThat(lastSeq).isGreaterThanOrEqualTo(5);
        var caughtUp = server.get("/v1/projections", acme.apiKey());
        assertThat(caughtUp.status()).as(caughtUp.text()).isEqualTo(200);
        assertThat(caughtUp.get("lastSeq").asLong()).isEqualTo(lastSeq);
        // The outbox too: with no subscriptions it has nothing to queue, so it is never behind.
        assertThat(projections(caughtUp))
                .containsExactly(
                        "graph " + lastSeq + " 0",
                        "search " + lastSeq + " 0",
                        "rules " + lastSeq + " 0",
                        "claims " + lastSeq + " 0",
                        "patterns " + lastSeq + " 0",
                        "outbox " + lastSeq + " 0");
        // Another tenant's log is not counted.
        assertThat(projections(server.get("/v1/projections", globex.apiKey())))
                .containsExactly("graph 0 0", "search 0 0", "rules 0 0", "claims 0 0", "patterns 0 0", "outbox 0 0");

        // With the projections stopped, a new delivery is in the log and in neither view.
        server.lightfast().projections().close();
        // A new fact: another issue opened (the same issue's opening delivered again is one event,
        // keyed by the issue and the time it was opened).
        send(
                acme,
                "issues/15-opened.json",
                "d-another-issue",
                b -> ((ObjectNode) b.get("issue"))
                        .put("number", 9915)
                        .put("created_at", "2026-03-02T10:00:00Z")
                        .put("updated_at", "2026-03-02T10:00:00Z"));
        var behind = server.get("/v1/projections", acme.apiKey());
        assertThat(behind.get("lastSeq").asLong()).isEqualTo(lastSeq + 1);
        assertThat(projections(behind))
                .containsExactly(
                        "graph " + lastSeq + " 1",
                        "search " + lastSeq + " 1",
                        "rules " + lastSeq + " 1",
                        "claims " + lastSeq + " 1",
                        "patterns " + lastSeq + " 1",
                        "outbox " + (lastSeq + 1) + " 0");
        assertThat(server.get("/v1/projections", null).status()).isEqualTo(401);
    }

    /** Each projection as "name checkpoint behind". */
    private static List<String> projections(TestServer.Reply reply) {
        var out = new ArrayList<String>();
        reply.get("projections")
                .forEach(p -> out.add(p.get("name").stringValue() + " "
                        + p.get("checkpoint").asLong() + " " + p.get("behind").asLong()));
        return out;
    }

    @Test
    void an_explicit_identity_joins_two_people_and_cites_the_statement() {
        send(acme, "push/04.json", "d-push", b -> {
            var author = (ObjectNode) b.get("commits").get(0).get("author");
            author.remove("username");
            author.put("email", "jane@example.com");
        });
        send(acme, "issues/15-opened.json", "d-issue", b -> {});
        server.awaitProjected(acme);
        String byEmail = server.get("/v1/entities?kind=person&key=email:jane@example.com", acme.apiKey())
                .get("entities")
                .get(0)
                .get("id")
                .stringValue();
        String byLogin = server.get("/v1/entities?kind=person&key=github:Codertocat", acme.apiKey())
                .get("entities")
                .get(0)
                .get("id")
                .stringValue();
        assertThat(byEmail).isNotEqualTo(byLogin);

        var linked = server.post(
                "/v1/identities",
                acme.apiKey(),
                Map.of(
                        "person",
                        "github:Codertocat",
                        "aliases",
                        List.of(Map.of("kind", "email", "value", "Jane@Example.com")),
                        "note",
                        "Jane confirmed it"));
        assertThat(linked.status()).as(linked.text()).isEqualTo(201);
        server.awaitProjected(acme);
        var joined = server.get("/v1/entities/" + byEmail, acme.apiKey());
        assertThat(joined.get("id").stringValue()).isIn(byEmail, byLogin);
        assertThat(joined.get("mergedIds")).hasSize(1);
        assertThat(joined.get("aliases").toString()).contains("POST /v1/identities: Jane confirmed it");
        assertThat(server.get("/v1/entities/" + byLogin, acme.apiKey())
                        .get("id")
                        .stringValue())
                .isEqualTo(joined.get("id").stringValue());
        // Before the statement they were two people.
        var before = server.get(
                "/v1/entities/" + byEmail + "?asOf="
                        + (server.get("/v1/events/" + linked.get("eventId").stringValue(), acme.apiKey())
                                        .get("seq")
                                        .asLong()
                                - 1),
                acme.apiKey());
        assertThat(before.get("id").stringValue()).isEqualTo(byEmail);

        assertThat(server.post(
                                "/v1/identities",
                                acme.apiKey(),
                                Map.of(
                                        "person",
                                        "github:Codertocat",
                                        "aliases",
                                        List.of(Map.of("kind", "name", "value", "Jane"))))
                        .status())
                .isEqualTo(400);
        assertThat(server.post("/v1/identities", acme.apiKey(), Map.of("aliases", List.of()))
                        .status())
                .isEqualTo(400);
        assertThat(server.post(
                                "/v1/events",
                                acme.apiKey(),
                                Map.of("source", "identity", "type", "identity.linked", "title", "forged"))
                        .status())
                .isEqualTo(400);
    }
}
