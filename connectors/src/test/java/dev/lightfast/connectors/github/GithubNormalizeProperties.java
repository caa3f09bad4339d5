package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Whatever object arrives, a delivery still becomes at least one event. The objects are built from
 * GitHub's own field names as well as random ones, with values of every JSON type in every place,
 * so that normalizers meet numbers where they expect strings, huge ids, odd dates and long names.
 */
class GithubNormalizeProperties {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    private static final List<String> GITHUB_KEYS = List.of(
            "action",
            "repository",
            "full_name",
            "name",
            "owner",
            "login",
            "sender",
            "html_url",
            "pull_request",
            "issue",
            "number",
            "merged",
            "state",
            "title",
            "body",
            "user",
            "head",
            "base",
            "ref",
            "sha",
            "ref_type",
            "commits",
            "id",
            "message",
            "author",
            "username",
            "timestamp",
            "created_at",
            "updated_at",
            "pushed_at",
            "head_commit",
            "deployment",
            "deployment_status",
            "environment",
            "workflow_run",
            "check_run",
            "check_suite",
            "head_sha",
            "head_branch",
            "conclusion",
            "pull_requests",
            "release",
            "tag_name",
            "member",
            "changes",
            "review",
            "comment",
            "label",
            "zen");

    private final GithubConnector connector = new GithubConnector();

    @Property(tries = 500)
    void raw_never_throws_for_any_object(@ForAll("events") String event, @ForAll("objects") ObjectNode payload) {
        EventDraft draft = connector.raw("d-1", event, payload, RECEIVED);

        assertThat(draft.type()).startsWith("github.");
        assertThat(draft.idempotencyKey()).isEqualTo("d-1");
    }

    @Property(tries = 500)
    void normalize_always_gives_events_with_distinct_keys(
            @ForAll("events") String event, @ForAll("objects") ObjectNode payload) {
        List<EventDraft> drafts = connector.normalize("d-1", event, payload, RECEIVED);

        assertThat(drafts).isNotEmpty();
        assertThat(new HashSet<>(drafts.stream().map(EventDraft::idempotencyKey).toList()))
                .hasSameSizeAs(drafts);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(List.copyOf(GithubConnector.normalizedEvents()))),
                Tuple.of(1, Arbitraries.of("star", "ping", "fork", "")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    @Provide
    Arbitrary<ObjectNode> objects() {
        return object(3);
    }

    private Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(GITHUB_KEYS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
        return Arbitraries.maps(keys, value(depth)).ofMaxSize(8).map(GithubNormalizeProperties::toObject);
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(NODES::stringNode),
                Arbitraries.strings()
                        .withChars("ab/ .-")
                        .ofMinLength(500)
                        .ofMaxLength(600)
                        .map(NODES::stringNode),
                Arbitraries.of(
                                "2019-05-15T15:20:33Z",
                                "2019-05-15T15:20:33-07:00",
                                "not a date",
                                "",
                                " ",
                                "0000000000000000000000000000000000000000",
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
                Tuple.of(2, Arbitraries.lazy(() -> object(depth - 1)).map(o -> (JsonNode) o)),
                Tuple.of(
                        1,
                        Arbitraries.lazy(() -> value(depth - 1))
                                .list()
                                .ofMaxSize(4)
                                .map(GithubNormalizeProperties::toArray)));
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
