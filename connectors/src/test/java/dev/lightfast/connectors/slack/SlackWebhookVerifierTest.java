package dev.lightfast.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Slack's documented signing example (VECTORS.md), its replay window, and the ways to be wrong. */
class SlackWebhookVerifierTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TS = "1531420618";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final byte[] BODY = SlackFixtures.signingVectorBody();
    private static final Instant SENT = Instant.ofEpochSecond(1531420618L);

    private final SlackConnector connector = new SlackConnector();

    private static WebhookRequest request(String ts, String signature, byte[] body) {
        var headers = new HashMap<String, String>();
        if (ts != null) {
            headers.put("X-Slack-Request-Timestamp", ts);
        }
        if (signature != null) {
            headers.put("X-Slack-Signature", signature);
        }
        return new WebhookRequest(headers, body);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            WebhookRequest r, String secret, Instant now) {
        return assertThatThrownBy(() -> connector.verify(r, secret, now))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.UNAUTHENTICATED);
    }

    @Test
    void slacks_documented_example_passes_when_fresh() {
        assertThat(BODY[BODY.length - 1]).isNotEqualTo((byte) 10);
        assertThatCode(() -> connector.verify(request(TS, SIGNATURE, BODY), SECRET, SENT))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(TS, SIGNATURE, BODY), SECRET, SENT.plus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
        assertThat(SlackFixtures.signature(SECRET, 1531420618L, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void the_same_request_later_is_refused_as_a_replay() {
        assertRejected(
                        request(TS, SIGNATURE, BODY),
                        SECRET,
                        SENT.plus(Duration.ofMinutes(5).plusSeconds(1)))
                .hasMessageContaining("X-Slack-Request-Timestamp")
                .hasMessageContaining("replay");
        assertRejected(request(TS, SIGNATURE, BODY), SECRET, Instant.parse("2026-03-10T14:00:00Z"))
                .hasMessageContaining("days behind");
    }

    @Test
    void a_freshened_timestamp_breaks_the_signature() {
        assertRejected(request("1531420900", SIGNATURE, BODY), SECRET, Instant.ofEpochSecond(1531420900L))
                .hasMessageContaining("does not match");
    }

    @Test
    void a_wrong_secret_is_rejected_and_says_which_secret() {
        assertRejected(request(TS, SIGNATURE, BODY), "the verification token", SENT)
                .hasMessageContaining("Signing Secret");
    }

    @Test
    void malformed_headers_are_rejected_with_what_to_fix() {
        assertRejected(request(null, SIGNATURE, BODY), SECRET, SENT)
                .hasMessageContaining("missing X-Slack-Request-Timestamp");
        assertRejected(request(TS, null, BODY), SECRET, SENT).hasMessageContaining("missing X-Slack-Signature");
        assertRejected(request("soon", SIGNATURE, BODY), SECRET, SENT).hasMessageContaining("whole seconds");
        assertRejected(request(TS, "v1=" + SIGNATURE.substring(3), BODY), SECRET, SENT)
                .hasMessageContaining("v0=");
        assertRejected(request(TS, SIGNATURE.substring(3), BODY), SECRET, SENT).hasMessageContaining("v0=");
        assertRejected(request(TS, "v0=" + "zz".repeat(32), BODY), SECRET, SENT);
        assertRejected(request(TS, SIGNATURE, BODY), "", SENT).hasMessageContaining("no webhook secret");
    }

    @Test
    void the_fixtures_helper_signs_as_slack_does() {
        Map<String, String> headers = SlackFixtures.signedHeaders("s3cret", SENT, BODY);
        assertThatCode(() -> connector.verify(new WebhookRequest(headers, BODY), "s3cret", SENT))
                .doesNotThrowAnyException();
    }
}
