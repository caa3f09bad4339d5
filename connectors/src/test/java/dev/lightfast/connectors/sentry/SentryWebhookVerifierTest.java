package dev.lightfast.connectors.sentry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Sentry publishes no signature vector; its scheme is the same hex HMAC-SHA256 of the body as
 * GitHub's, so GitHub's documented vector (VECTORS.md) is a known answer for it too.
 */
class SentryWebhookVerifierTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static final Instant SENT = Instant.parse("2026-03-10T14:22:35Z");

    private final SentryConnector connector = new SentryConnector();

    private static WebhookRequest request(String signature, String timestamp, byte[] body) {
        var headers = new HashMap<String, String>();
        if (signature != null) {
            headers.put("Sentry-Hook-Signature", signature);
        }
        if (timestamp != null) {
            headers.put("Sentry-Hook-Timestamp", timestamp);
        }
        return new WebhookRequest(headers, body);
    }

    private static WebhookRequest request(String signature) {
        return request(signature, Long.toString(SENT.getEpochSecond()), BODY);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            WebhookRequest r, String secret, Instant now) {
        return assertThatThrownBy(() -> connector.verify(r, secret, now))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.UNAUTHENTICATED);
    }

    @Test
    void the_known_answer_passes_within_five_minutes() {
        assertThatCode(() -> connector.verify(request(SIGNATURE), SECRET, SENT)).doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(SIGNATURE), SECRET, SENT.plus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(SIGNATURE, "1773152555.25", BODY), SECRET, SENT))
                .doesNotThrowAnyException();
    }

    @Test
    void the_fixtures_helper_signs_the_same_way() {
        var r = new WebhookRequest(SentryFixtures.signedHeaders("issue", "r-1", SECRET, BODY, SENT), BODY);
        assertThatCode(() -> connector.verify(r, SECRET, SENT)).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(SentryFixtures.signature(SECRET, BODY))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void a_stale_timestamp_is_refused_as_a_possible_replay() {
        assertRejected(request(SIGNATURE), SECRET, SENT.plus(Duration.ofMinutes(6)))
                .hasMessageContaining("Sentry-Hook-Timestamp")
                .hasMessageContaining("6 minutes behind")
                .hasMessageContaining("replay");
    }

    @Test
    void a_missing_or_unreadable_timestamp_is_refused() {
        assertRejected(request(SIGNATURE, null, BODY), SECRET, SENT)
                .hasMessageContaining("missing Sentry-Hook-Timestamp");
        assertRejected(request(SIGNATURE, "yesterday", BODY), SECRET, SENT).hasMessageContaining("'yesterday'");
    }

    @Test
    void a_wrong_secret_is_rejected_and_says_which_secret() {
        assertRejected(request(SIGNATURE), "the client id", SENT).hasMessageContaining("Client Secret");
    }

    @Test
    void a_changed_body_or_a_bad_signature_is_rejected() {
        assertRejected(
                        request(
                                SIGNATURE,
                                Long.toString(SENT.getEpochSecond()),
                                "Hello, World?".getBytes(StandardCharsets.UTF_8)),
                        SECRET,
                        SENT)
                .hasMessageContaining("does not match");
        assertRejected(request("sha256=" + SIGNATURE), SECRET, SENT);
        assertRejected(request(SIGNATURE.substring(1)), SECRET, SENT);
        assertRejected(request(null), SECRET, SENT).hasMessageContaining("missing Sentry-Hook-Signature");
        assertRejected(request(SIGNATURE), "", SENT).hasMessageContaining("no webhook secret");
    }

    @Test
    void the_signature_is_checked_before_the_clock() {
        assertRejected(
                        request(
                                "00".repeat(32),
                                Long.toString(SENT.minus(Duration.ofDays(9)).getEpochSecond()),
                                BODY),
                        SECRET,
                        SENT)
                .hasMessageContaining("does not match");
    }
}
