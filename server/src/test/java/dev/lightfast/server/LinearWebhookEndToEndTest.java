package dev.lightfast.server;

import static dev.lightfast.server.ConnectedTool.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Linear deliveries, signed with the connection's secret and posted to the real server over HTTP. */
class LinearWebhookEndToEndTest {
    private static final String SECRET = "lin_wh_3f9a1c7e2b";

    @TempDir
    Path dir;

    private TestServer server;
    private ConnectedTool linear;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        linear = ConnectedTool.connect(server, "acme", "linear", SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A delivery as Linear sends it now: fresh webhookTimestamp, signed, with its headers. */
    private TestServer.Reply send(String fixture, String deliveryId) {
        byte[] body = LinearFixtures.sentAt(fixture, Instant.now());
        return linear.post(
                "linear",
                body,
                LinearFixtures.signedHeaders(LinearFixtures.ALL.get(fixture), deliveryId, SECRET, body));
    }

    @Test
    void every_example_is_accepted_and_stored_as_the_expected_canonical_events_in_order() {
        var expected = new ArrayList<String>();
        var connector = new LinearConnector();
        for (String name : LinearFixtures.names()) {
            var reply = send(name, "dlv-" + name);
            assertThat(reply.status()).as(name + " " + reply.text()).isEqualTo(202);
            assertThat(reply.get("duplicate").asBoolean()).isFalse();
            connector
                    .normalize(
                            "dlv-" + name,
                            LinearFixtures.ALL.get(name),
                            Json.MAPPER.readTree(LinearFixtures.body(name)),
                            Instant.now())
                    .forEach(d -> expected.add(d.type()));
        }
        List<JsonNode> events = linear.events();
        assertThat(events).extracting(e -> e.get("type").stringValue()).containsExactlyElementsOf(expected);
        assertThat(expected)
                .contains(
                        "linear.issue.created",
                        "linear.issue.state_changed",
                        "linear.issue.assignee_changed",
                        "linear.issue.priority_changed",
                        "linear.issue.labels_changed",
                        "linear.issue.updated",
                        "linear.issue.removed",
                        "linear.comment.created",
                        "linear.project.status_changed",
                        "linear.cycle.completed",
                        "linear.issue_label.created",
                        "linear.reaction.created");
        for (JsonNode e : events) {
            assertThat(e.get("source").stringValue()).isEqualTo("linear");
            assertThat(e.get("rawRef").stringValue()).startsWith("dlv_");
        }
    }

    @Test
    void a_state_change_reads_as_the_issue_moving_and_keeps_its_raw_delivery() {
        var reply = send("issue-update-done.json", "dlv-done");
        String id = reply.get("eventIds").get(0).stringValue();
        var event = server.get("/v1/events/" + id, linear.apiKey());
        assertThat(event.get("type").stringValue()).isEqualTo("linear.issue.state_changed");
        assertThat(event.get("title").stringValue())
                .isEqualTo("Bo Chen moved ENG-123 to Done: Checkout times out after the 1.4 deploy");
        assertThat(event.get("occurredAt").stringValue()).isEqualTo("2026-03-05T16:40:12Z");
        assertThat(event.get("url").stringValue()).startsWith("https://linear.app/acme/issue/ENG-123/");
        assertThat(event.get("attributes").get("to_state_type").stringValue()).isEqualTo("completed");
        assertThat(event.get("subjects").get(0).get("key").stringValue()).isEqualTo("linear:ENG-123");
        assertThat(event.get("raw").get("headers").get("linear-delivery").stringValue())
                .isEqualTo("dlv-done");
        assertThat(event.get("raw").get("eventName").stringValue()).isEqualTo("Issue");
    }

    @Test
    void a_redelivery_is_accepted_and_stored_once() {
        var first = send("issue-update-done.json", "dlv-same");
        var again = send("issue-update-done.json", "dlv-same");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("eventIds")).isEqualTo(first.get("eventIds"));
        assertThat(linear.events()).hasSize(3);
    }

    @Test
    void a_wrong_signature_a_stale_timestamp_and_a_broken_body_are_refused_with_what_to_fix() {
        byte[] body = LinearFixtures.sentAt("issue-create.json", Instant.now());
        var headers = LinearFixtures.signedHeaders("Issue", "d1", "not-the-secret", body);
        assertError(
                linear.post("linear", body, headers), 401, "invalid_signature", "Linear-Signature", "signing secret");

        byte[] stale = LinearFixtures.sentAt("issue-create.json", Instant.now().minus(Duration.ofMinutes(10)));
        assertError(
                linear.post("linear", stale, LinearFixtures.signedHeaders("Issue", "d2", SECRET, stale)),
                401,
                "invalid_signature",
                "webhookTimestamp",
                "replay");

        byte[] broken = "{\"type\":\"Issue\",\"action\":\"create\",".getBytes(StandardCharsets.UTF_8);
        assertError(
                linear.post("linear", broken, LinearFixtures.signedHeaders("Issue", "d3", SECRET, broken)),
                400,
                "malformed_delivery",
                "Linear",
                "not valid JSON");

        assertError(
                linear.post("linear", body, java.util.Map.of("Linear-Delivery", "d4")),
                401,
                "invalid_signature",
                "missing Linear-Signature");
        assertThat(linear.events()).as("nothing refused was stored").isEmpty();
    }

    @Test
    void a_linear_delivery_at_another_tools_url_is_not_found() {
        byte[] body = LinearFixtures.sentAt("issue-create.json", Instant.now());
        var reply = server.postBytes(
                "/webhooks/sentry/" + linear.connectionId(),
                null,
                body,
                LinearFixtures.signedHeaders("Issue", "d", SECRET, body));
        assertError(reply, 404, "unknown_connection", "no sentry connection");
    }

    @Test
    void the_stored_events_carry_what_the_graph_needs() {
        send("issue-create.json", "d-create");
        send("issue-update-state-assignee.json", "d-assign");
        send("comment-create.json", "d-comment");
        var graph = new LinearConnector().graph();
        MentionScanner scanner = graph::mentionsIn;
        var relations = new ArrayList<String>();
        var aliases = new ArrayList<String>();
        for (Event e : linear.stored("linear")) {
            for (GraphFact f : graph.extract(e, scanner)) {
                if (f instanceof GraphFact.Relates r) {
                    relations.add(r.type() + " " + r.from().key() + " -> " + r.to().key());
                } else if (f instanceof GraphFact.Identifies i) {
                    aliases.add(i.person().key() + " " + i.alias().kind() + ":"
                            + i.alias().value());
                }
            }
        }
        assertThat(relations)
                .contains(
                        "belongs_to linear:ENG-123 -> linear:team/ENG",
                        "assigned_to linear:ENG-123 -> linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013",
                        "authored linear:user/5f2c8a1e-0b7d-4c3e-9a61-2d4e8f1b7c90 -> linear:ENG-123",
                        "commented_on linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013 -> linear:ENG-123");
        assertThat(aliases)
                .contains(
                        "linear:user/5f2c8a1e-0b7d-4c3e-9a61-2d4e8f1b7c90 email:ana@acme.dev",
                        "linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013 email:bo@acme.dev");
    }
}
