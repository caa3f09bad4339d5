package dev.lightfast.emulators.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.ReplayWindow;
import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.connectors.linear.LinearOperations;
import dev.lightfast.connectors.linear.LinearToolClient;
import dev.lightfast.connectors.linear.LinearWebhookVerifier;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.WebhookCatcher;
import dev.lightfast.emulators.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class LinearToolClientTest {
    private static final String TOKEN = "lin_api_emulated0123456789";

    private LinearEmulator linear;
    private LinearToolClient client;
    private ToolCredential credential;
    private String team;
    private String priya;
    private String issue;

    @BeforeEach
    void start() {
        linear = new LinearEmulator(TOKEN, "acme").start();
        team = linear.state().team("ENG", "Engineering");
        priya = linear.state().user("Priya", "priya@acme.dev");
        linear.state().label("bug");
        linear.state().label("payments");
        issue = linear.state().seedIssue("ENG", "Refunds fail for EUR");
        client = new LinearToolClient(new ToolHttp(Duration.ofSeconds(10), Clock.systemUTC()));
        credential = new ToolCredential(TOKEN, linear.baseUri());
    }

    @AfterEach
    void stop() {
        linear.close();
    }

    private static ToolCall call(ToolOperation op, String key, String json) {
        return new ToolCall("conn_l", op, (ObjectNode) Json.MAPPER.readTree(json), key);
    }

    private ToolCall createIssue(String key) {
        return call(
                LinearOperations.CREATE_ISSUE,
                key,
                "{\"teamId\":\"" + team + "\",\"title\":\"Payments p99\",\"description\":\"doubled\"}");
    }

    private ToolCall comment(String key) {
        return call(LinearOperations.COMMENT, key, "{\"issueId\":\"" + issue + "\",\"body\":\"On it\"}");
    }

    private ToolCall assign(String key) {
        return call(LinearOperations.ASSIGN, key, "{\"issueId\":\"" + issue + "\",\"assigneeId\":\"" + priya + "\"}");
    }

    private ToolCall label(String key) {
        return call(
                LinearOperations.LABEL, key, "{\"issueId\":\"" + issue + "\",\"labelNames\":[\"bug\",\"payments\"]}");
    }

    @Test
    void a_ticket_for_a_team_named_by_its_key_goes_to_that_team() {
        var byKey = call(
                LinearOperations.CREATE_ISSUE,
                "k-key",
                "{\"teamId\":\"ENG\",\"title\":\"Smoke test\",\"description\":\"after deploys\"}");
        assertThat(client.call(byKey, credential)).isInstanceOf(ToolResult.Succeeded.class);
        assertThat(linear.state().issue("ENG-2").orElseThrow().title()).isEqualTo("Smoke test");
        var unknown = call(
                LinearOperations.CREATE_ISSUE, "k-ops", "{\"teamId\":\"OPS\",\"title\":\"t\",\"description\":\"d\"}");
        assertThat(client.call(unknown, credential))
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.message()).contains("no team with the key OPS"));
    }

    @Test
    void every_operation_changes_the_workspace() {
        assertThat(client.call(createIssue("k-i"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).isEqualTo("https://linear.app/acme/issue/ENG-2"));
        assertThat(client.call(comment("k-c"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).startsWith("https://linear.app/acme/issue/ENG-1#comment-"));
        assertThat(client.call(assign("k-a"), credential)).isInstanceOf(ToolResult.Succeeded.class);
        assertThat(client.call(label("k-l"), credential)).isInstanceOf(ToolResult.Succeeded.class);

        var created = linear.state().issue("ENG-2").orElseThrow();
        assertThat(created.title()).isEqualTo("Payments p99");
        var seeded = linear.state().issue(issue).orElseThrow();
        assertThat(linear.state().comments(seeded)).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo("On it");
            assertThat(c.id()).isEqualTo(LinearToolClient.clientId("k-c"));
        });
        assertThat(seeded.assigneeId()).contains(priya);
        assertThat(linear.state().labelNames(seeded)).containsExactly("bug", "payments");
        assertThat(linear.calls().applied("k-i")).isEqualTo(1);
    }

    @Test
    void a_create_sent_again_finds_the_first_instead_of_making_a_second() {
        var first = (ToolResult.Succeeded) client.call(comment("k-c"), credential);

        ToolResult again = client.call(comment("k-c"), credential);

        assertThat(again)
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class, s -> assertThat(s.url()).isEqualTo(first.url()));
        assertThat(linear.state().comments(linear.state().issue(issue).orElseThrow()))
                .hasSize(1);
    }

    @Test
    void unknown_things_fail_with_linears_message() {
        assertThat(client.call(
                        call(LinearOperations.COMMENT, "k", "{\"issueId\":\"ENG-99\",\"body\":\"x\"}"), credential))
                .isEqualTo(new ToolResult.Failed(400, "Linear answered 400: Could not find referenced Issue."));
        assertThat(client.call(
                        call(LinearOperations.LABEL, "k", "{\"issueId\":\"" + issue + "\",\"labelNames\":[\"nope\"]}"),
                        credential))
                .isEqualTo(new ToolResult.Failed(404, "Linear has no label named nope"));
    }

    @Test
    void rate_limit_server_error_and_slowness_are_retryable_and_an_expired_token_is_not() {
        linear.switches().fail(FailureMode.RATE_LIMIT, 1, null, 9, null);
        assertThat(client.call(assign("k"), credential)).isInstanceOfSatisfying(ToolResult.Retryable.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.after()).isEqualTo(Duration.ofSeconds(9));
        });
        linear.switches().fail(FailureMode.SERVER_ERROR, 1, null, null, null);
        assertThat(client.call(assign("k"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.status()).isEqualTo(500));
        linear.switches().fail(FailureMode.SLOW, 1, null, null, 1_500);
        assertThat(new LinearToolClient(new ToolHttp(Duration.ofMillis(300), Clock.systemUTC()))
                        .call(assign("k"), credential))
                .isInstanceOf(ToolResult.Retryable.class);
        linear.switches().fail(FailureMode.EXPIRED_TOKEN);
        assertThat(client.call(assign("k"), credential)).isInstanceOfSatisfying(ToolResult.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.message())
                    .contains("Linear refused the connection's token")
                    .doesNotContain(TOKEN);
        });
    }

    @Test
    void find_done_finds_what_took_effect_and_not_what_did_not() {
        List<ToolCall> calls = List.of(createIssue("k-i"), comment("k-c"), assign("k-a"), label("k-l"));
        calls.forEach(c -> assertThat(client.findDone(c, credential))
                .as("before " + c.operation())
                .isEmpty());
        calls.forEach(c -> assertThat(client.call(c, credential)).isInstanceOf(ToolResult.Succeeded.class));
        calls.forEach(c -> assertThat(client.findDone(c, credential))
                .as("after " + c.operation())
                .isPresent());
        assertThat(client.findDone(comment("k-other"), credential)).isEmpty();
    }

    @Test
    void the_comment_webhook_linear_sends_verifies_and_normalizes() throws Exception {
        try (var catcher = new WebhookCatcher()) {
            linear.webhooksTo(new WebhookTarget(catcher.url(), "lin_wh_secret"));
            client.call(comment("k-c"), credential);

            var request = catcher.awaitAtLeast(1).get(0);

            new LinearWebhookVerifier(ReplayWindow.FIVE_MINUTES).verify(request, "lin_wh_secret", Instant.now());
            var connector = new LinearConnector();
            var d = (Reception.Deliver) connector.receive(request);
            var drafts = connector.normalize(d.deliveryKey(), d.eventName(), d.payload(), Instant.now());
            assertThat(drafts.get(0).type()).isEqualTo("linear.comment.created");
        }
    }
}
