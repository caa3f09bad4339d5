package dev.lightfast.server;

import static dev.lightfast.server.ConnectedTool.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.slack.SlackConnector;
import dev.lightfast.connectors.slack.SlackFixtures;
import dev.lightfast.core.graph.GraphFact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slack Events API requests, signed with the app's signing secret and posted to the real server over HTTP. */
class SlackWebhookEndToEndTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @TempDir
    Path dir;

    private TestServer server;
    private ConnectedTool slack;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
        slack = ConnectedTool.connect(server, "acme", "slack", SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestServer.Reply send(String story) {
        byte[] body = SlackFixtures.story(story);
        return slack.post("slack", body, SlackFixtures.signedHeaders(SECRET, Instant.now(), body));
    }

    @Test
    void the_request_url_is_verified_by_answering_the_challenge_as_slack_asks() {
        var reply = send(SlackFixtures.URL_VERIFICATION);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(slack.events()).isEmpty();
    }

    @Test
    void the_incident_thread_is_stored_as_canonical_events() {
        for (String name : SlackFixtures.STORY) {
            var reply = send(name);
            assertThat(reply.status()).as(name + " " + reply.text()).isEqualTo(202);
        }
        var events = slack.events();
        assertThat(events)
                .extracting(e -> e.get("type").stringValue())
                .containsExactly(
                        "slack.member.joined",
                        "slack.channel.created",
                        "slack.channel.member_joined",
                        "slack.message.posted",
                        "slack.message.posted",
                        "slack.message.posted",
                        "slack.reaction.added",
                        "slack.message.edited",
                        "slack.reaction.removed",
                        "slack.message.deleted",
                        "slack.pin_added",
                        "slack.app_rate_limited");
        var decision = events.get(5);
        assertThat(decision.get("title").stringValue())
                .startsWith("U01ANA in C07INCIDENT (thread): We decided to roll back shop");
        assertThat(decision.get("attributes").get("decision").asBoolean()).isTrue();
        assertThat(decision.get("occurredAt").stringValue()).isEqualTo("2026-03-10T14:30:00.000300Z");
    }

    @Test
    void a_retry_of_the_same_event_is_stored_once() {
        byte[] body = SlackFixtures.story("message-decision.json");
        var first = slack.post("slack", body, SlackFixtures.signedHeaders(SECRET, Instant.now(), body));
        var retry = slack.post("slack", body, SlackFixtures.retryHeaders(SECRET, Instant.now(), body, 1));
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.get("duplicate").asBoolean()).isTrue();
        assertThat(retry.get("eventIds")).isEqualTo(first.get("eventIds"));
        var event = server.get("/v1/events/" + first.get("eventIds").get(0).stringValue(), slack.apiKey());
        assertThat(event.get("raw").get("deliveryKey").stringValue()).isEqualTo("Ev07A1INC003");
        assertThat(slack.events()).hasSize(1);
    }

    @Test
    void a_wrong_signature_a_stale_timestamp_and_a_broken_body_are_refused_with_what_to_fix() {
        byte[] body = SlackFixtures.story("message-posted.json");
        assertError(
                slack.post("slack", body, SlackFixtures.signedHeaders("verification-token", Instant.now(), body)),
                401,
                "invalid_signature",
                "X-Slack-Signature",
                "Signing Secret");
        assertError(
                slack.post(
                        "slack",
                        body,
                        SlackFixtures.signedHeaders(SECRET, Instant.now().minus(Duration.ofMinutes(6)), body)),
                401,
                "invalid_signature",
                "X-Slack-Request-Timestamp",
                "replay");
        byte[] broken = "{\"type\":\"event_callback\",".getBytes(StandardCharsets.UTF_8);
        assertError(
                slack.post("slack", broken, SlackFixtures.signedHeaders(SECRET, Instant.now(), broken)),
                400,
                "malformed_delivery",
                "Slack",
                "not valid JSON");
        byte[] command = "command=%2Fdeploy&text=now".getBytes(StandardCharsets.UTF_8);
        assertError(
                slack.post("slack", command, SlackFixtures.signedHeaders(SECRET, Instant.now(), command)),
                400,
                "malformed_delivery",
                "slash command");
        assertError(slack.post("slack", body, Map.of()), 401, "invalid_signature", "missing X-Slack-Request-Timestamp");
        assertThat(slack.events()).isEmpty();
    }

    @Test
    void the_decision_and_its_approval_come_back_out_of_the_log() {
        for (String name : SlackFixtures.STORY) {
            send(name);
        }
        var graph = new SlackConnector().graph();
        var facts = new ArrayList<String>();
        for (var e : slack.stored("slack")) {
            for (var f : graph.extract(e, graph::mentionsIn)) {
                switch (f) {
                    case GraphFact.Relates r ->
                        facts.add(r.type() + " " + r.from().key() + " -> " + r.to().key());
                    case GraphFact.Ends r ->
                        facts.add("ends " + r.type() + " " + r.from().key() + " -> " + r.to().key());
                    case GraphFact.Identifies i ->
                        facts.add(i.person().key() + " is " + i.alias().kind() + ":"
                                + i.alias().value());
                    default -> {}
                }
            }
        }
        String ch = "slack:channel/C07INCIDENT";
        assertThat(facts)
                .contains(
                        "decided slack:user/U01ANA -> " + ch + "/decision/1773153000.000300",
                        "approved slack:user/U02BO -> " + ch + "/decision/1773152820.000200",
                        "ends approved slack:user/U02BO -> " + ch + "/decision/1773152820.000200",
                        "in_thread " + ch + "/message/1773153000.000300 -> " + ch + "/thread/1773152700.000100",
                        "slack:user/U01ANA is email:ana@acme.dev");
    }
}
