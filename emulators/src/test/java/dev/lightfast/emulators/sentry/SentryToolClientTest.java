package dev.lightfast.emulators.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.sentry.SentryConnector;
import dev.lightfast.connectors.sentry.SentryOperations;
import dev.lightfast.connectors.sentry.SentryToolClient;
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

class SentryToolClientTest {
    private static final String TOKEN = "sntrys_emulated_0123456789";

    private SentryEmulator sentry;
    private SentryToolClient client;
    private SentryToolClient impatient;
    private ToolCredential credential;
    private String issue;

    @BeforeEach
    void start() {
        sentry = new SentryEmulator(TOKEN, "acme").start();
        sentry.state().member("priya", "priya@acme.dev").team("payments");
        issue = sentry.state().seedIssue("payments-api", "TimeoutError: ledger write");
        client = new SentryToolClient(new ToolHttp(Duration.ofSeconds(10), Clock.systemUTC()));
        impatient = new SentryToolClient(new ToolHttp(Duration.ofMillis(300), Clock.systemUTC()));
        credential = new ToolCredential(TOKEN, sentry.baseUri());
    }

    @AfterEach
    void stop() {
        sentry.close();
    }

    private ToolCall call(ToolOperation op, String key, String extra) {
        return new ToolCall(
                "conn_y", op, (ObjectNode) Json.MAPPER.readTree("{\"issueId\":\"" + issue + "\"" + extra + "}"), key);
    }

    @Test
    void a_note_assign_and_resolve_change_the_issue() {
        assertThat(client.call(call(SentryOperations.COMMENT, "k-n", ",\"text\":\"Rolled back\""), credential))
                .isInstanceOfSatisfying(ToolResult.Succeeded.class, s -> {
                    assertThat(s.status()).isEqualTo(201);
                    assertThat(s.url()).isEqualTo("https://acme.sentry.io/issues/" + issue + "/");
                });
        assertThat(client.call(call(SentryOperations.ASSIGN, "k-a", ",\"assignedTo\":\"priya@acme.dev\""), credential))
                .isInstanceOf(ToolResult.Succeeded.class);
        assertThat(client.call(call(SentryOperations.RESOLVE, "k-r", ""), credential))
                .isInstanceOf(ToolResult.Succeeded.class);

        var state = sentry.state().issue(issue).orElseThrow();
        assertThat(state.notes())
                .singleElement()
                .satisfies(n -> assertThat(n.text()).startsWith("Rolled back").contains("[//]: # (lightfast:k-n)"));
        assertThat(state.assignedTo().orElseThrow().name()).isEqualTo("priya");
        assertThat(state.status()).isEqualTo("resolved");
        assertThat(sentry.calls().applied("k-a")).isEqualTo(1);
    }

    @Test
    void an_unknown_assignee_fails_with_sentrys_field_message() {
        assertThat(client.call(call(SentryOperations.ASSIGN, "k", ",\"assignedTo\":\"nobody\""), credential))
                .isEqualTo(new ToolResult.Failed(400, "Sentry answered 400: assignedTo: Unknown actor input"));
        assertThat(client.call(
                        new ToolCall(
                                "c",
                                SentryOperations.RESOLVE,
                                (ObjectNode) Json.MAPPER.readTree("{\"issueId\":\"42\"}"),
                                "k"),
                        credential))
                .isEqualTo(new ToolResult.Failed(404, "Sentry answered 404: The requested resource does not exist"));
    }

    @Test
    void rate_limit_server_error_and_slowness_are_retryable_and_an_expired_token_is_not() {
        sentry.switches().fail(FailureMode.RATE_LIMIT, 1, null, 3, null);
        assertThat(client.call(call(SentryOperations.RESOLVE, "k", ""), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(3)));
        sentry.switches().fail(FailureMode.SERVER_ERROR, 1, null, null, null);
        assertThat(client.call(call(SentryOperations.RESOLVE, "k", ""), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.status()).isEqualTo(500));
        sentry.switches().fail(FailureMode.SLOW, 1, null, null, 2_000);
        assertThat(impatient.call(call(SentryOperations.RESOLVE, "k", ""), credential))
                .isInstanceOf(ToolResult.Retryable.class);
        sentry.switches().fail(FailureMode.EXPIRED_TOKEN);
        assertThat(client.call(call(SentryOperations.RESOLVE, "k", ""), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class,
                        f -> assertThat(f.message())
                                .contains("Sentry refused the connection's token (Invalid token)")
                                .doesNotContain(TOKEN));
    }

    @Test
    void find_done_finds_what_took_effect_and_not_what_did_not() {
        List<ToolCall> calls = List.of(
                call(SentryOperations.COMMENT, "k-n", ",\"text\":\"Rolled back\""),
                call(SentryOperations.ASSIGN, "k-a", ",\"assignedTo\":\"team:payments\""),
                call(SentryOperations.RESOLVE, "k-r", ""));
        calls.forEach(c -> assertThat(client.findDone(c, credential))
                .as("before " + c.operation())
                .isEmpty());
        calls.forEach(c -> assertThat(client.call(c, credential)).isInstanceOf(ToolResult.Succeeded.class));
        calls.forEach(c -> assertThat(client.findDone(c, credential))
                .as("after " + c.operation())
                .isPresent());
        assertThat(client.findDone(call(SentryOperations.COMMENT, "k-n2", ",\"text\":\"x\""), credential))
                .isEmpty();
    }

    @Test
    void the_webhooks_sentry_sends_verify_and_normalize() throws Exception {
        try (var catcher = new WebhookCatcher()) {
            sentry.webhooksTo(new WebhookTarget(catcher.url(), "sentry-client-secret"));
            client.call(call(SentryOperations.ASSIGN, "k-a", ",\"assignedTo\":\"priya\""), credential);
            client.call(call(SentryOperations.RESOLVE, "k-r", ""), credential);
            client.call(call(SentryOperations.COMMENT, "k-n", ",\"text\":\"done\""), credential);

            var connector = new SentryConnector();
            List<String> types = catcher.awaitAtLeast(3).stream()
                    .map(r -> {
                        connector.verify(r, "sentry-client-secret", Instant.now());
                        var d = (Reception.Deliver) connector.receive(r);
                        return connector
                                .normalize(d.deliveryKey(), d.eventName(), d.payload(), Instant.now())
                                .get(0)
                                .type();
                    })
                    .toList();
            // A call's webhook goes out after its answer, so the next call's may overtake it, as with Sentry.
            assertThat(types)
                    .containsExactlyInAnyOrder(
                            "sentry.issue.assigned", "sentry.issue.resolved", "sentry.comment.created");
        }
    }
}
