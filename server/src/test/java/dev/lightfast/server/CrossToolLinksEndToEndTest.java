package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.connectors.linear.LinearFixtures;
import dev.lightfast.connectors.sentry.SentryConnector;
import dev.lightfast.connectors.sentry.SentryFixtures;
import dev.lightfast.connectors.slack.SlackConnector;
import dev.lightfast.connectors.slack.SlackFixtures;
import dev.lightfast.connectors.vercel.VercelConnector;
import dev.lightfast.connectors.vercel.VercelFixtures;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tenant with Linear, Sentry, Vercel and Slack connected, the incident story posted through
 * each tool's webhook, and every stored event given to its tool's graph extractor with a mention
 * scanner made of every tool's {@code mentionsIn}, as the projector will. The point of the
 * connectors is that their keys meet: this follows the edges from the Sentry incident to the
 * deploy and commit that caused it, the Linear issue and the Slack decision.
 */
class CrossToolLinksEndToEndTest {
    private static final String SHA = "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4";
    private static final String INCIDENT = "sentry:issue/4567890123";
    private static final String DEPLOYMENT = "vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD";
    private static final String DECISION = "slack:channel/C07INCIDENT/decision/1773153000.000300";

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_incident_reaches_the_deploy_the_commit_the_linear_issue_and_the_slack_decision() {
        var linear = ConnectedTool.connect(server, "acme", "linear", "l-secret");
        var sentry = linear.alsoConnect("sentry", "s-secret");
        var vercel = linear.alsoConnect("vercel", "v-secret");
        var slack = linear.alsoConnect("slack", "k-secret");
        Instant now = Instant.now();
        for (String name : List.of("issue-create.json", "comment-create.json")) {
            byte[] body = LinearFixtures.sentAt(name, now);
            assertThat(linear.post("linear", body, LinearFixtures.signedHeaders("Issue", name, "l-secret", body))
                            .status())
                    .isEqualTo(202);
        }
        for (String name : List.of("deployment-error.json", "deployment-succeeded.json")) {
            byte[] body = VercelFixtures.body(name);
            assertThat(vercel.post("vercel", body, VercelFixtures.signedHeaders("v-secret", body))
                            .status())
                    .isEqualTo(202);
        }
        for (String name : List.of("issue-created.json", "error-created.json")) {
            var e = SentryFixtures.get(name);
            assertThat(sentry.post(
                                    "sentry",
                                    e.body(),
                                    SentryFixtures.signedHeaders(e.resource(), name, "s-secret", e.body(), now))
                            .status())
                    .isEqualTo(202);
        }
        for (String name : SlackFixtures.STORY) {
            byte[] body = SlackFixtures.story(name);
            assertThat(slack.post("slack", body, SlackFixtures.signedHeaders("k-secret", now, body))
                            .status())
                    .isEqualTo(202);
        }

        Map<String, WebhookConnector> tools = Map.of(
                "linear",
                new LinearConnector(),
                "sentry",
                new SentryConnector(),
                "vercel",
                new VercelConnector(),
                "slack",
                new SlackConnector());
        MentionScanner everyTool = text -> tools.values().stream()
                .flatMap(c -> c.graph().mentionsIn(text).stream())
                .toList();
        Map<String, List<String>> edges = new HashMap<>();
        List<String> relations = new ArrayList<>();
        for (Event e : linear.events().stream().map(ConnectedTool::event).toList()) {
            for (GraphFact f : tools.get(e.source()).graph().extract(e, everyTool)) {
                if (f instanceof GraphFact.Relates r) {
                    relations.add(r.type() + " " + r.from().key() + " -> " + r.to().key());
                    edges.computeIfAbsent(r.from().key(), k -> new ArrayList<>())
                            .add(r.to().key());
                    edges.computeIfAbsent(r.to().key(), k -> new ArrayList<>())
                            .add(r.from().key());
                }
            }
        }

        assertThat(relations)
                .contains(
                        "seen_in " + INCIDENT + " -> sentry:release/" + SHA,
                        "built_from sentry:release/" + SHA + " -> git:" + SHA,
                        "deployed " + DEPLOYMENT + " -> git:" + SHA,
                        "mentions " + DEPLOYMENT + " -> linear:ENG-123",
                        "mentions linear:ENG-123 -> " + INCIDENT,
                        "about " + DECISION + " -> linear:ENG-123",
                        "mentions slack:channel/C07INCIDENT/message/1773152700.000100 -> " + INCIDENT,
                        "mentions slack:channel/C07INCIDENT/message/1773152700.000100 -> " + DEPLOYMENT,
                        "built_from vercel:deployment/dpl_3Fg5Hj7Kl9Mn1Pq3Rs5Tu7Vw -> github:acme/shop/pull/42");

        Map<String, String> reached = reachable(edges, INCIDENT);
        assertThat(reached)
                .containsKeys(
                        "git:" + SHA,
                        DEPLOYMENT,
                        "linear:ENG-123",
                        DECISION,
                        "github:acme/shop/pull/42",
                        "linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013",
                        "slack:user/U01ANA");
        assertThat(path(reached, "git:" + SHA)).containsExactly(INCIDENT, "sentry:release/" + SHA, "git:" + SHA);
        assertThat(path(reached, DEPLOYMENT)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void the_new_tools_sources_are_believed_only_from_their_signed_webhooks() {
        var tool = ConnectedTool.connect(server, "acme", "slack", "k-secret");
        for (String source : List.of("linear", "sentry", "vercel", "slack")) {
            var reply = server.post(
                    "/v1/events",
                    tool.apiKey(),
                    Map.of("source", source, "type", source + ".message.posted", "title", "forged"));
            ConnectedTool.assertError(reply, 400, "bad_request", "reserved for its signed webhooks");
        }
        assertThat(tool.events()).isEmpty();
    }

    /** Every key reachable from {@code start}, each with the key it was first reached from. */
    private static Map<String, String> reachable(Map<String, List<String>> edges, String start) {
        Map<String, String> from = new LinkedHashMap<>();
        from.put(start, null);
        var queue = new ArrayDeque<String>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : edges.getOrDefault(at, List.of())) {
                if (!from.containsKey(next)) {
                    from.put(next, at);
                    queue.add(next);
                }
            }
        }
        return from;
    }

    private static List<String> path(Map<String, String> from, String to) {
        var path = new ArrayList<String>();
        for (String at = to; at != null; at = from.get(at)) {
            path.addFirst(at);
        }
        return path;
    }
}
