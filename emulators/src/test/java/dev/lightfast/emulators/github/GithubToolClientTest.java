package dev.lightfast.emulators.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.github.GithubConnector;
import dev.lightfast.connectors.github.GithubOperations;
import dev.lightfast.connectors.github.GithubToolClient;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.EmulatorControl;
import dev.lightfast.emulators.FailureMode;
import dev.lightfast.emulators.WebhookCatcher;
import dev.lightfast.emulators.WebhookTarget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GithubToolClientTest {
    private static final String TOKEN = "ghs_emulated_token_0123456789";
    private static final String REPO = "acme/payments-api";

    private GithubEmulator github;
    private GithubToolClient client;
    private GithubToolClient impatient;
    private ToolCredential credential;
    private long issue;
    private long pr;

    @BeforeEach
    void start() {
        github = new GithubEmulator(TOKEN).start();
        github.state().repo(REPO, "bug").collaborator("priya", "marco");
        issue = github.state().seedIssue(REPO, false, "Refunds fail for EUR", "marco");
        pr = github.state().seedIssue(REPO, true, "Fix EUR refunds", "marco");
        client = new GithubToolClient(new ToolHttp(Duration.ofSeconds(10), Clock.systemUTC()));
        impatient = new GithubToolClient(new ToolHttp(Duration.ofMillis(300), Clock.systemUTC()));
        credential = new ToolCredential(TOKEN, github.baseUri());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private static ToolCall call(ToolOperation op, String key, String json) {
        return new ToolCall("conn_1", op, (ObjectNode) Json.MAPPER.readTree(json), key);
    }

    private ToolCall comment(String key) {
        return call(
                GithubOperations.COMMENT,
                key,
                "{\"repo\":\"" + REPO + "\",\"number\":" + issue + ",\"body\":\"Looking into it\"}");
    }

    @Test
    void a_comment_is_posted_once_with_its_key_hidden_in_the_body() {
        ToolResult result = client.call(comment("k-comment"), credential);

        assertThat(result).isInstanceOfSatisfying(ToolResult.Succeeded.class, s -> {
            assertThat(s.status()).isEqualTo(201);
            assertThat(s.url()).startsWith("https://github.com/acme/payments-api/issues/" + issue + "#issuecomment-");
        });
        var comments = github.state().issue(REPO, issue).orElseThrow().comments();
        assertThat(comments).singleElement().satisfies(c -> {
            assertThat(c.body()).startsWith("Looking into it").contains("<!-- lightfast:k-comment -->");
            assertThat(c.author()).isEqualTo("lightfast-bot");
        });
        assertThat(github.calls().applied("k-comment")).isEqualTo(1);
    }

    @Test
    void an_issue_is_opened_with_labels_and_assignees() {
        ToolResult result = client.call(
                call(
                        GithubOperations.CREATE_ISSUE,
                        "k-issue",
                        "{\"repo\":\"" + REPO + "\",\"title\":\"Payments are slow\",\"body\":\"p99 doubled\","
                                + "\"labels\":[\"incident\"],\"assignees\":[\"priya\"]}"),
                credential);

        assertThat(result)
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).isEqualTo("https://github.com/acme/payments-api/issues/3"));
        var created = github.state().issue(REPO, 3).orElseThrow();
        assertThat(created.title()).isEqualTo("Payments are slow");
        assertThat(created.labels()).containsExactly("incident");
        assertThat(created.assignees()).containsExactly("priya");
    }

    @Test
    void assign_label_and_review_request_change_the_issue_and_the_pull_request() {
        assertThat(client.call(
                        call(
                                GithubOperations.ASSIGN,
                                "k-a",
                                "{\"repo\":\"" + REPO + "\",\"number\":" + issue + ",\"assignees\":[\"priya\"]}"),
                        credential))
                .isInstanceOf(ToolResult.Succeeded.class);
        assertThat(client.call(
                        call(
                                GithubOperations.LABEL,
                                "k-l",
                                "{\"repo\":\"" + REPO + "\",\"number\":" + issue + ",\"labels\":[\"bug\",\"p1\"]}"),
                        credential))
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).isEqualTo("https://github.com/acme/payments-api/issues/" + issue));
        assertThat(client.call(
                        call(
                                GithubOperations.REQUEST_REVIEW,
                                "k-r",
                                "{\"repo\":\"" + REPO + "\",\"number\":" + pr + ",\"reviewers\":[\"priya\"]}"),
                        credential))
                .isInstanceOfSatisfying(
                        ToolResult.Succeeded.class,
                        s -> assertThat(s.url()).isEqualTo("https://github.com/acme/payments-api/pull/" + pr));

        assertThat(github.state().issue(REPO, issue).orElseThrow().assignees()).containsExactly("priya");
        assertThat(github.state().issue(REPO, issue).orElseThrow().labels()).containsExactly("bug", "p1");
        assertThat(github.state().issue(REPO, pr).orElseThrow().requestedReviewers())
                .containsExactly("priya");
    }

    @Test
    void a_review_from_someone_who_is_not_a_collaborator_fails_with_githubs_message() {
        ToolResult result = client.call(
                call(
                        GithubOperations.REQUEST_REVIEW,
                        "k-r",
                        "{\"repo\":\"" + REPO + "\",\"number\":" + pr + ",\"reviewers\":[\"stranger\"]}"),
                credential);

        assertThat(result).isInstanceOfSatisfying(ToolResult.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(422);
            assertThat(f.message()).contains("Reviews may only be requested from collaborators");
        });
    }

    @Test
    void an_issue_that_does_not_exist_fails_with_not_found() {
        ToolResult result = client.call(
                call(GithubOperations.COMMENT, "k", "{\"repo\":\"" + REPO + "\",\"number\":999,\"body\":\"x\"}"),
                credential);

        assertThat(result).isEqualTo(new ToolResult.Failed(404, "GitHub answered 404: Not Found"));
    }

    @Test
    void a_missing_argument_fails_without_asking_github() {
        ToolResult result = client.call(
                call(GithubOperations.COMMENT, "k", "{\"repo\":\"" + REPO + "\",\"number\":1}"), credential);

        assertThat(result).isEqualTo(new ToolResult.Failed(0, "GITHUB_COMMENT needs the argument 'body'"));
        assertThat(github.calls().all()).isEmpty();
    }

    @Test
    void rate_limit_is_retryable_after_the_time_github_gives() {
        github.switches().fail(FailureMode.RATE_LIMIT, 1, null, 7, null);

        ToolResult result = client.call(comment("k-429"), credential);

        assertThat(result).isInstanceOfSatisfying(ToolResult.Retryable.class, r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.after()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(client.call(comment("k-429"), credential)).isInstanceOf(ToolResult.Succeeded.class);
        assertThat(github.calls().received("k-429")).isEqualTo(2);
        assertThat(github.calls().applied("k-429")).isEqualTo(1);
    }

    @Test
    void server_error_is_retryable() {
        github.switches().fail(FailureMode.SERVER_ERROR, 1, null, null, null);

        assertThat(client.call(comment("k-500"), credential))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.status()).isEqualTo(500));
        assertThat(github.state().issue(REPO, issue).orElseThrow().comments()).isEmpty();
    }

    @Test
    void a_slow_answer_is_a_retryable_timeout() {
        github.switches().fail(FailureMode.SLOW, 1, null, null, 2_000);

        assertThat(impatient.call(comment("k-slow"), credential))
                .isInstanceOfSatisfying(ToolResult.Retryable.class, r -> {
                    assertThat(r.status()).isZero();
                    assertThat(r.message()).contains("GitHub did not answer within 300ms");
                });
    }

    @Test
    void an_expired_token_fails_with_a_message_naming_github_and_never_the_token() {
        github.switches().fail(FailureMode.EXPIRED_TOKEN);

        ToolResult result = client.call(comment("k-401"), credential);

        assertThat(result).isInstanceOfSatisfying(ToolResult.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.message())
                    .contains("GitHub refused the connection's token")
                    .contains("Bad credentials")
                    .doesNotContain(TOKEN);
        });
    }

    @Test
    void a_wrong_token_is_refused_like_an_expired_one() {
        ToolResult result = client.call(comment("k"), new ToolCredential("ghp_wrong", github.baseUri()));

        assertThat(result)
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.status()).isEqualTo(401));
    }

    @Test
    void the_nth_call_fails_when_switched_over_http() {
        EmulatorControl.post(github.baseUri(), "/_emulator/fail", "{\"mode\":\"server_error\",\"nthCall\":2}");

        assertThat(client.call(comment("k1"), credential)).isInstanceOf(ToolResult.Succeeded.class);
        assertThat(client.call(comment("k2"), credential)).isInstanceOf(ToolResult.Retryable.class);
        assertThat(client.call(comment("k3"), credential)).isInstanceOf(ToolResult.Succeeded.class);

        var calls = EmulatorControl.get(github.baseUri(), "/_emulator/calls");
        assertThat(calls.path("total").asInt()).isEqualTo(3);
        assertThat(calls.path("applied").path("k1").asInt()).isEqualTo(1);
        assertThat(calls.path("applied").has("k2")).isFalse();
        EmulatorControl.post(github.baseUri(), "/_emulator/reset", "{}");
        assertThat(github.calls().all()).isEmpty();
    }

    @Test
    void a_refused_connection_is_retryable() {
        URI closed = github.baseUri();
        github.close();

        assertThat(client.call(comment("k"), new ToolCredential(TOKEN, closed)))
                .isInstanceOfSatisfying(
                        ToolResult.Retryable.class, r -> assertThat(r.message()).contains("GitHub"));
    }

    @Test
    void find_done_finds_each_call_that_took_effect_and_not_one_that_did_not() {
        List<ToolCall> calls = List.of(
                comment("k-c"),
                call(
                        GithubOperations.CREATE_ISSUE,
                        "k-i",
                        "{\"repo\":\"" + REPO + "\",\"title\":\"t\",\"body\":\"b\"}"),
                call(
                        GithubOperations.ASSIGN,
                        "k-a",
                        "{\"repo\":\"" + REPO + "\",\"number\":" + issue + ",\"assignees\":[\"priya\"]}"),
                call(
                        GithubOperations.LABEL,
                        "k-l",
                        "{\"repo\":\"" + REPO + "\",\"number\":" + issue + ",\"labels\":[\"p1\"]}"),
                call(
                        GithubOperations.REQUEST_REVIEW,
                        "k-r",
                        "{\"repo\":\"" + REPO + "\",\"number\":" + pr + ",\"reviewers\":[\"priya\"]}"));
        for (ToolCall c : calls) {
            assertThat(client.findDone(c, credential))
                    .as("before " + c.operation())
                    .isEmpty();
        }
        for (ToolCall c : calls) {
            assertThat(client.call(c, credential)).isInstanceOf(ToolResult.Succeeded.class);
        }
        for (ToolCall c : calls) {
            assertThat(client.findDone(c, credential))
                    .as("after " + c.operation())
                    .isPresent();
        }
        assertThat(client.findDone(comment("k-never"), credential)).isEmpty();
        assertThat(client.findDone(comment("k-c"), credential).orElseThrow().url())
                .contains("#issuecomment-");
    }

    @Test
    void the_webhooks_github_sends_verify_and_normalize_into_events() throws Exception {
        try (var catcher = new WebhookCatcher()) {
            github.webhooksTo(new WebhookTarget(catcher.url(), "whsec-github"));
            client.call(comment("k-c"), credential);
            client.call(
                    call(
                            GithubOperations.CREATE_ISSUE,
                            "k-i",
                            "{\"repo\":\"" + REPO + "\",\"title\":\"t\",\"body\":\"b\"}"),
                    credential);
            client.call(
                    call(
                            GithubOperations.REQUEST_REVIEW,
                            "k-r",
                            "{\"repo\":\"" + REPO + "\",\"number\":" + pr + ",\"reviewers\":[\"priya\"]}"),
                    credential);

            List<WebhookRequest> received = catcher.awaitAtLeast(3);

            var connector = new GithubConnector();
            List<String> types = received.stream()
                    .map(r -> {
                        connector.verify(r, "whsec-github", Instant.now());
                        var deliver = (Reception.Deliver) connector.receive(r);
                        List<EventDraft> drafts = connector.normalize(
                                deliver.deliveryKey(), deliver.eventName(), deliver.payload(), Instant.now());
                        return drafts.get(0).type();
                    })
                    .toList();
            // A call's webhook goes out after its answer, so the next call's may overtake it, as with GitHub.
            assertThat(types)
                    .containsExactlyInAnyOrder(
                            "github.issue_comment.created",
                            "github.issue.opened",
                            "github.pull_request.review_requested");
            assertThat(github.webhooksSent()).allMatch(s -> s.status() == 202);
        }
    }
}
