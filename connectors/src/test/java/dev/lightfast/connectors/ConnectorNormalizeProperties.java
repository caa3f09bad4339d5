package dev.lightfast.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.connectors.sentry.SentryConnector;
import dev.lightfast.connectors.slack.SlackConnector;
import dev.lightfast.connectors.vercel.VercelConnector;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever object a tool sends, its delivery becomes at least one well-formed event, and the graph
 * extractor reads that event back without failing: nothing is dropped at ingest, and nothing stops
 * the graph projector. The objects are built from the four tools' own field and type names as well
 * as random ones, with values of every JSON type in every place, giant ids and odd times.
 */
class ConnectorNormalizeProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    private static final List<WebhookConnector> CONNECTORS =
            List.of(new LinearConnector(), new SentryConnector(), new VercelConnector(), new SlackConnector());
    private static final List<String> NAMES = List.of(
            // envelopes
            "type",
            "action",
            "data",
            "actor",
            "updatedFrom",
            "url",
            "createdAt",
            "webhookTimestamp",
            "event",
            "event_id",
            "event_time",
            "team_id",
            "payload",
            "id",
            "installation",
            "organization",
            "slug",
            // Linear
            "identifier",
            "title",
            "description",
            "state",
            "name",
            "team",
            "key",
            "project",
            "cycle",
            "number",
            "assignee",
            "assigneeId",
            "creator",
            "labels",
            "labelIds",
            "stateId",
            "priority",
            "estimate",
            "dueDate",
            "body",
            "user",
            "userId",
            "issue",
            "email",
            "lead",
            "leadId",
            "status",
            "statusId",
            "completedAt",
            "targetDate",
            "updatedAt",
            // Sentry
            "shortId",
            "culprit",
            "metadata",
            "assignedTo",
            "statusDetails",
            "inCommit",
            "commit",
            "inRelease",
            "error",
            "release",
            "environment",
            "issue_id",
            "web_url",
            "metric_alert",
            "alert_rule",
            "projects",
            "triggered_rule",
            "comment",
            "datetime",
            "timestamp",
            // Vercel
            "deployment",
            "meta",
            "githubCommitSha",
            "githubCommitRef",
            "githubCommitMessage",
            "githubOrg",
            "githubRepo",
            "githubPrId",
            "githubCommitAuthorLogin",
            "links",
            "target",
            "regions",
            // Slack
            "subtype",
            "channel",
            "ts",
            "thread_ts",
            "text",
            "message",
            "previous_message",
            "deleted_ts",
            "reaction",
            "item",
            "item_user",
            "profile",
            "real_name",
            "user_profile",
            "edited");
    private static final List<String> EVENT_NAMES = List.of(
            "Issue",
            "Comment",
            "Project",
            "Cycle",
            "IssueLabel",
            "Reaction",
            "issue",
            "error",
            "event_alert",
            "metric_alert",
            "comment",
            "installation",
            "deployment.created",
            "deployment.succeeded",
            "deployment.ready",
            "deployment.error",
            "deployment.promoted",
            "project.created",
            "message",
            "reaction_added",
            "reaction_removed",
            "channel_created",
            "member_joined_channel",
            "team_join",
            "user_change",
            "app_mention",
            "");

    @Property(tries = 400)
    void every_object_becomes_well_formed_events_that_the_graph_reads_back(
            @ForAll("connectors") WebhookConnector connector,
            @ForAll("eventNames") String eventName,
            @ForAll("objects") ObjectNode payload) {
        List<EventDraft> drafts = connector.normalize("d-1", eventName, payload, RECEIVED);

        assertThat(drafts).isNotEmpty();
        assertThat(new HashSet<>(drafts.stream().map(EventDraft::idempotencyKey).toList()))
                .hasSameSizeAs(drafts);
        for (EventDraft d : drafts) {
            assertThat(d.source()).isEqualTo(connector.provider());
            assertThat(d.type()).startsWith(connector.provider() + ".");
            assertThat(d.subjects()).allSatisfy(s -> assertThat(s.key()).hasSizeLessThanOrEqualTo(512));
            connector.graph().extract(StoredEvents.stored(d), connector.graph()::mentionsIn);
        }
    }

    /**
     * Each tool's own deliveries with a few values swapped for hostile ones (a 600-character id, a
     * number for a string, null, an object, a stray time): the shapes normalizers really meet.
     */
    @Property(tries = 600)
    void mutated_real_deliveries_still_become_events_the_graph_reads(
            @ForAll("samples") Sample sample, @ForAll java.util.Random random) {
        JsonNode payload = dev.lightfast.core.json.Json.MAPPER.readTree(sample.body());
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            mutate(payload, random);
        }
        List<EventDraft> drafts = sample.connector().normalize("d-1", sample.eventName(), payload, RECEIVED);
        assertThat(drafts).isNotEmpty();
        for (EventDraft d : drafts) {
            assertThat(d.subjects()).allSatisfy(s -> assertThat(s.key()).hasSizeLessThanOrEqualTo(512));
            sample.connector()
                    .graph()
                    .extract(StoredEvents.stored(d), sample.connector().graph()::mentionsIn);
        }
        EventDraft raw = sample.connector().raw("d-1", sample.eventName(), payload, RECEIVED);
        sample.connector()
                .graph()
                .extract(StoredEvents.stored(raw), sample.connector().graph()::mentionsIn);
    }

    /** One tool's delivery: which connector, under which event name, with which bytes. */
    record Sample(WebhookConnector connector, String eventName, byte[] body) {
        @Override
        public String toString() {
            return connector.provider() + " " + eventName;
        }
    }

    @Provide
    Arbitrary<Sample> samples() {
        var all = new java.util.ArrayList<Sample>();
        var linear = new LinearConnector();
        dev.lightfast.connectors.linear.LinearFixtures.ALL.forEach((name, type) ->
                all.add(new Sample(linear, type, dev.lightfast.connectors.linear.LinearFixtures.body(name))));
        var sentry = new SentryConnector();
        dev.lightfast.connectors.sentry.SentryFixtures.all()
                .forEach(e -> all.add(new Sample(sentry, e.resource(), e.body())));
        var vercel = new VercelConnector();
        dev.lightfast.connectors.vercel.VercelFixtures.ALL.forEach(name -> {
            byte[] body = dev.lightfast.connectors.vercel.VercelFixtures.body(name);
            all.add(new Sample(
                    vercel,
                    dev.lightfast.core.json.Json.MAPPER
                            .readTree(body)
                            .path("type")
                            .stringValue(),
                    body));
        });
        var slack = new SlackConnector();
        dev.lightfast.connectors.slack.SlackFixtures.STORY.forEach(name -> {
            byte[] body = dev.lightfast.connectors.slack.SlackFixtures.story(name);
            JsonNode node = dev.lightfast.core.json.Json.MAPPER.readTree(body);
            String inner = node.path("event").path("type").isString()
                    ? node.path("event").path("type").stringValue()
                    : node.path("type").stringValue();
            all.add(new Sample(slack, inner, body));
        });
        return Arbitraries.of(all);
    }

    private static final List<JsonNode> HOSTILE = List.of(
            NODES.stringNode("x".repeat(600)),
            NODES.stringNode("a/b ".repeat(150)),
            NODES.stringNode(""),
            NODES.stringNode(" "),
            NODES.nullNode(),
            NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(-1),
            NODES.numberNode(3.75),
            NODES.booleanNode(true),
            NODES.objectNode(),
            NODES.arrayNode(),
            NODES.stringNode("not a date"),
            NODES.stringNode("+999999999-12-31T23:59:59Z"),
            NODES.stringNode("1773152700.000100"),
            NODES.arrayNode().add("x".repeat(600)).add(NODES.nullNode()));

    /** Replaces one value somewhere in the tree (an object field or an array item) with a hostile one. */
    private static void mutate(JsonNode root, java.util.Random random) {
        var containers = new java.util.ArrayList<JsonNode>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode value = HOSTILE.get(random.nextInt(HOSTILE.size()));
        if (target instanceof ObjectNode o && !o.isEmpty()) {
            var names = new java.util.ArrayList<>(o.propertyNames());
            o.set(names.get(random.nextInt(names.size())), value.deepCopy());
        } else if (target instanceof ArrayNode a && !a.isEmpty()) {
            a.set(random.nextInt(a.size()), value.deepCopy());
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
            for (JsonNode child : node) {
                collect(child, containers);
            }
        }
    }

    @Property(tries = 300)
    void raw_never_throws(
            @ForAll("connectors") WebhookConnector connector,
            @ForAll("eventNames") String eventName,
            @ForAll("objects") ObjectNode payload) {
        EventDraft draft = connector.raw("d-1", eventName, payload, RECEIVED);
        assertThat(draft.idempotencyKey()).isEqualTo("d-1");
        connector.graph().extract(StoredEvents.stored(draft), connector.graph()::mentionsIn);
    }

    @Property(tries = 300)
    void mention_scanners_never_throw(@ForAll("connectors") WebhookConnector connector, @ForAll("texts") String text) {
        List<EntityRef> found = connector.graph().mentionsIn(text);
        assertThat(found).doesNotContainNull();
    }

    @Provide
    Arbitrary<WebhookConnector> connectors() {
        return Arbitraries.of(CONNECTORS);
    }

    @Provide
    Arbitrary<String> eventNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(EVENT_NAMES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings()
                        .withChars("ENGabc-0123456789/:.<>@#|xyzhttps ")
                        .ofMaxLength(200),
                Arbitraries.of(
                        "https://linear.app/acme/issue/ENG-1",
                        "https://sentry.io/organizations/a/issues/1/",
                        "https://vercel.com/a/b/" + "x".repeat(30),
                        "https://a.slack.com/archives/C1234/p1700000000000100",
                        "<@U123>",
                        "<#C123|" + "n".repeat(600) + ">",
                        "ana/eng-1-x",
                        "ENG-" + "9".repeat(20)));
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return object(3);
    }

    private Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(NAMES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        return Arbitraries.maps(keys, value(depth)).ofMaxSize(10).map(ConnectorNormalizeProperties::toObject);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(NODES::stringNode),
                Arbitraries.strings()
                        .withChars("ab/ .-")
                        .ofMinLength(500)
                        .ofMaxLength(700)
                        .map(NODES::stringNode),
                Arbitraries.of(
                                "2026-03-10T14:22:31.000000Z",
                                "2026-03-10T14:22:31+01:00",
                                "not a date",
                                "",
                                " ",
                                "1773152700.000100",
                                "0000000000.000000",
                                "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4",
                                "create",
                                "update",
                                "remove",
                                "message_changed",
                                "message_deleted",
                                "white_check_mark",
                                "we decided to ship",
                                "user",
                                "team",
                                "deployment.succeeded",
                                "+999999999-12-31T23:59:59Z")
                        .map(NODES::stringNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                        .map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(3, Arbitraries.lazy(() -> object(depth - 1)).map(o -> (JsonNode) o)),
                Tuple.of(
                        1,
                        Arbitraries.lazy(() -> value(depth - 1))
                                .list()
                                .ofMaxSize(4)
                                .map(ConnectorNormalizeProperties::toArray)));
    }

    private static ObjectNode toObject(Map<String, JsonNode> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach(node::set);
        return node;
    }

    private static JsonNode toArray(List<JsonNode> items) {
        ArrayNode node = NODES.arrayNode();
        items.forEach(node::add);
        return node;
    }
}
