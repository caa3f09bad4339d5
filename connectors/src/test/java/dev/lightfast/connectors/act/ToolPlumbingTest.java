package dev.lightfast.connectors.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubOperations;
import dev.lightfast.connectors.github.GithubToolClient;
import dev.lightfast.connectors.sentry.SentryOperations;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ToolPlumbingTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void retry_after_reads_seconds_and_http_dates() {
        assertThat(RetryAfter.parse("30", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 10:01:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }

    @Test
    void a_marker_is_found_only_for_its_own_key() {
        String body = "hello\n\n" + ActionMarker.html("key-1");

        assertThat(ActionMarker.isIn(body, "key-1")).isTrue();
        assertThat(ActionMarker.isIn(body, "key-")).isFalse();
        assertThat(ActionMarker.isIn(body, "key-10")).isFalse();
        assertThat(ActionMarker.isIn("x " + ActionMarker.markdown("a b"), "a b"))
                .isTrue();
        assertThat(ActionMarker.html("x-->y")).isEqualTo("<!-- lightfast:x--_y -->");
    }

    @Test
    void a_bad_call_fails_without_a_request_and_without_throwing() {
        var client = new GithubToolClient();
        var credential = new ToolCredential("secret-token", URI.create("http://127.0.0.1:1"));

        ToolResult missing = client.call(call(GithubOperations.LABEL, "{\"repo\":\"a/b\",\"number\":1}"), credential);
        ToolResult badRepo =
                client.call(call(GithubOperations.COMMENT, "{\"repo\":\"a\",\"number\":1,\"body\":\"x\"}"), credential);
        ToolResult badNumber = client.call(
                call(GithubOperations.COMMENT, "{\"repo\":\"a/b\",\"number\":\"x\",\"body\":\"x\"}"), credential);
        ToolResult otherTool = client.call(call(SentryOperations.RESOLVE, "{\"issueId\":\"1\"}"), credential);

        assertThat(missing).isEqualTo(new ToolResult.Failed(0, "GITHUB_LABEL needs the argument 'labels'"));
        assertThat(badRepo)
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.message()).contains("owner/name"));
        assertThat(badNumber)
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.message()).contains("positive number"));
        assertThat(otherTool)
                .isInstanceOfSatisfying(
                        ToolResult.Failed.class, f -> assertThat(f.status()).isZero());
        assertThat(credential.toString()).doesNotContain("secret-token");
    }

    private static ToolCall call(ToolOperation op, String json) {
        return new ToolCall("c", op, (ObjectNode) Json.MAPPER.readTree(json), "k");
    }
}
