package dev.lightfast.server;

import static dev.lightfast.server.ConnectedTool.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.vercel.VercelConnector;
import dev.lightfast.connectors.vercel.VercelFixtures;
import dev.lightfast.core.graph.GraphFact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vercel deliveries, signed with HMAC-SHA1 as Vercel does and posted to the real server over HTTP. */
class VercelWebhookEndToEndTest {
    private static final String SECRET = "vercel-webhook-secret-7d2f";
    private static final String SHA = "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4";

    @TempDir
    Path dir;

    private TestServer server;
    private ConnectedTool vercel;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        vercel = ConnectedTool.connect(server, "acme", "vercel", SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Reply send(String name) {
        byte[] body = VercelFixtures.body(name);
        return vercel.post("vercel", body, VercelFixtures.signedHeaders(SECRET, body));
    }

    @Test
    void the_deploy_story_is_stored_as_canonical_events_at_vercels_times() {
        for (String name : VercelFixtures.ALL) {
            assertThat(send(name).status()).as(name).isEqualTo(202);
        }
        var events = vercel.events();
        assertThat(events)
                .extracting(e -> e.get("type").stringValue())
                .containsExactly(
                        "vercel.project.created",
                        "vercel.deployment.error",
                        "vercel.deployment.canceled",
                        "vercel.deployment.created",
                        "vercel.deployment.succeeded",
                        "vercel.deployment.succeeded",
                        "vercel.deployment.promoted");
        var succeeded = events.get(4);
        assertThat(succeeded.get("title").stringValue())
                .startsWith("Vercel deployed shop to production from main @ 9f2d1c7");
        assertThat(succeeded.get("occurredAt").stringValue()).isEqualTo("2026-03-10T13:23:12Z");
        assertThat(succeeded.get("subjects"))
                .extracting(s -> s.get("key").stringValue())
                .contains("vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD", "git:" + SHA, "github:acme/shop");
    }

    @Test
    void a_redelivery_of_the_same_event_id_is_stored_once_even_long_after() {
        var first = send("deployment-succeeded.json");
        var again = send("deployment-succeeded.json");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("eventIds")).isEqualTo(first.get("eventIds"));
        assertThat(vercel.events()).hasSize(1);
    }

    @Test
    void a_wrong_signature_and_a_broken_body_are_refused_with_what_to_fix() {
        byte[] body = VercelFixtures.body("deployment-created.json");
        assertError(
                vercel.post("vercel", body, VercelFixtures.signedHeaders("wrong", body)),
                401,
                "invalid_signature",
                "x-vercel-signature",
                "Webhooks");
        assertError(
                vercel.post("vercel", body, Map.of("Content-Type", "application/json")),
                401,
                "invalid_signature",
                "missing x-vercel-signature");
        byte[] broken = "{\"id\":\"x\",\"type\":".getBytes(StandardCharsets.UTF_8);
        assertError(
                vercel.post("vercel", broken, VercelFixtures.signedHeaders(SECRET, broken)),
                400,
                "malformed_delivery",
                "Vercel",
                "not valid JSON");
        byte[] noId = "{\"type\":\"deployment.created\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
        assertError(
                vercel.post("vercel", noId, VercelFixtures.signedHeaders(SECRET, noId)),
                400,
                "malformed_delivery",
                "'id'");
        assertThat(vercel.events()).isEmpty();
    }

    @Test
    void the_stored_deploy_says_which_commit_it_deployed() {
        send("deployment-succeeded.json");
        var graph = new VercelConnector().graph();
        var relations = new ArrayList<String>();
        for (var e : vercel.stored("vercel")) {
            for (var f : graph.extract(e, graph::mentionsIn)) {
                if (f instanceof GraphFact.Relates r) {
                    relations.add(r.type() + " " + r.from().key() + " -> " + r.to().key());
                }
            }
        }
        assertThat(relations)
                .contains(
                        "deployed vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD -> git:" + SHA,
                        "built_from vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD -> github:acme/shop/branch/main");
    }
}
