package dev.lightfast.emulators.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.slack.SlackConnector;
import dev.lightfast.connectors.slack.SlackOperations;
import dev.lightfast.connectors.slack.SlackToolClient;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.WebhookCatcher;
import dev.lightfast.emulators.WebhookTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SlackToolClientTest {
    private static final String TOKEN = "xoxb-emulated-0123456789";

    private SlackEmulator slack;
    private SlackToolClient client;
    private SlackToolClient impatient;
    private ToolCredential credential;

    @BeforeEach
    void start() {
        slack = new SlackEmulator(TOKEN).start();
        slack.state().channel("C0INCIDENTS", "payments-incidents").archivedChannel("C0OLD", "old");
        client = new SlackToolClient(new ToolHttp(Duration.ofSeconds(10), Clock.systemUTC()));
        impatient = new SlackToolClient(new ToolHttp(Duration.ofMillis(300), Clock.systemUTC()));
        credential = new ToolCredential(TOKEN, slack.baseUri());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private static ToolCall post(String channel, String key) {
        return new ToolCall(
                "conn_s",
                SlackOperations.POST_MESSAGE,
                (ObjectNode) Json.MAPPER.readTree("{\"channel\":\"" + channel + "\",\"text\":\"Rollback started\"}"),
                key);
    }

    @Test
    void a_message_is_posted_with_its_key_as_metadata_and_a_permalink() {
        ToolResult result = client.call(post("#payments-incidents", "k-m"), credential);

        assertThat(result)
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).startsWith("https://emulated.slack.com/archives/C0INCIDENTS/p"));
        assertThat(slack.state().messages("C0INCIDENTS")).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Rollback started");
            assertThat(m.metadata()
                            .path("event_payload")
                            .path("idempotency_key")
                            .asString())
                    .isEqualTo("k-m");
        });
        assertThat(slack.calls().applied("k-m")).isEqualTo(1);
    }

    @Test
    void slacks_own_error_codes_stop_the_call() {
        assertThat(client.call(post("#nowhere", "k"), credential))
                .isEqualTo(new ToolResult.Failed(400, "Slack answered channel_not_found"));
        assertThat(client.call(post("C0OLD", "k"), credential))
                .isEqualTo(new ToolResult.Failed(400, "Slack answered is_archived"));
    }

    @Test
    void rate_limit_is_retryable_after_the_time_slack_gives() {
        slack.switches().fail(FailureMode.RATE_LIMIT, 1, null, 30, null);

        assertThat(client.call(post("C0INCIDENTS", "k"), credential))
                .isInstanceOfSatisfying(ToolResult.Retryable.class, r -> {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(r.after()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void server_error_and_slow_answers_are_retryable() {
        slack.switches().fail(FailureMode.SERVER_ERROR, 1, null, null, null);
        assertThat(client.call(post("C0INCIDENTS", "k"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.status()).isEqualTo(500));

        slack.switches().fail(FailureMode.SLOW, 1, null, null, 2_000);
        assertThat(impatient.call(post("C0INCIDENTS", "k2"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.message()).contains("did not answer"));
    }

    @Test
    void an_expired_token_fails_with_a_message_naming_slack() {
        slack.switches().fail(FailureMode.EXPIRED_TOKEN);

        assertThat(client.call(post("C0INCIDENTS", "k"), credential))
                .isInstanceOfSatisfying(ToolResult.Failed.class, f -> {
                    assertThat(f.status()).isEqualTo(401);
                    assertThat(f.message())
                            .contains("Slack refused the connection's token (token_expired)")
                            .doesNotContain(TOKEN);
                });
        assertThat(client.call(post("C0INCIDENTS", "k"), new ToolCredential("xoxb-wrong", slack.baseUri())))
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.message()).contains("invalid_auth"));
    }

    @Test
    void find_done_finds_a_posted_message_by_channel_name_and_not_one_never_posted() {
        assertThat(client.findDone(post("#payments-incidents", "k-f"), credential))
                .isEmpty();
        client.call(post("#payments-incidents", "k-f"), credential);

        assertThat(client.findDone(post("#payments-incidents", "k-f"), credential))
                .isPresent();
        assertThat(client.findDone(post("C0INCIDENTS", "k-f"), credential)).isPresent();
        assertThat(client.findDone(post("C0INCIDENTS", "k-other"), credential)).isEmpty();
    }

    @Test
    void the_message_event_slack_sends_verifies_and_normalizes() throws Exception {
        try (var catcher = new WebhookCatcher()) {
            slack.webhooksTo(new WebhookTarget(catcher.url(), "slack-signing-secret"));
            client.call(post("C0INCIDENTS", "k"), credential);

            var request = catcher.awaitAtLeast(1).get(0);

            var connector = new SlackConnector();
            connector.verify(request, "slack-signing-secret", Instant.now());
            var deliver = (Reception.Deliver) connector.receive(request);
            var drafts =
                    connector.normalize(deliver.deliveryKey(), deliver.eventName(), deliver.payload(), Instant.now());
            assertThat(drafts.get(0).type()).isEqualTo("slack.message.posted");
        }
    }
}
