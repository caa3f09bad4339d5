package dev.lightfast.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The VECTORS.md vector over Linear's own body, the replay window, and the ways to be wrong. */
class LinearWebhookVerifierTest {
    private static final String SECRET = "SECRET";
    private static final byte[] BODY = LinearFixtures.body(LinearFixtures.SDK_COMMENT);
    /** VECTORS.md: secret=SECRET over linear/comment-create.sdk-test.json (550 bytes). */
    private static final String SIGNATURE = "9f9fe461cff5e6619c44f1bbe9f1d540e2af8838b8d727b1875bd858b023fac2";
    /** The body's webhookTimestamp, 1579784000000 ms. */
    private static final Instant SENT = Instant.ofEpochMilli(1579784000000L);

    private final LinearConnector connector = new LinearConnector();

    private static WebhookRequest request(String signature, byte[] body) {
        return new WebhookRequest(signature == null ? Map.of() : Map.of("Linear-Signature", signature), body);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            WebhookRequest r, String secret, Instant now) {
        return assertThatThrownBy(() -> connector.verify(r, secret, now))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.UNAUTHENTICATED);
    }

    @Test
    void the_vector_body_is_linears_550_bytes() {
        assertThat(BODY).hasSize(550);
    }

    @Test
    void the_vector_passes_when_the_delivery_is_fresh() {
        assertThatCode(() -> connector.verify(request(SIGNATURE, BODY), SECRET, SENT))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(SIGNATURE, BODY), SECRET, SENT.plus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
        assertThatCode(() -> connector.verify(request(SIGNATURE, BODY), SECRET, SENT.minus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
    }

    @Test
    void upper_case_hex_and_header_name_case_do_not_matter() {
        var r = new WebhookRequest(Map.of("linear-signature", SIGNATURE.toUpperCase(java.util.Locale.ROOT)), BODY);
        assertThatCode(() -> connector.verify(r, SECRET, SENT)).doesNotThrowAnyException();
    }

    @Test
    void a_delivery_older_than_five_minutes_is_refused_as_a_possible_replay() {
        assertRejected(
                        request(SIGNATURE, BODY),
                        SECRET,
                        SENT.plus(Duration.ofMinutes(5).plusSeconds(1)))
                .hasMessageContaining("webhookTimestamp")
                .hasMessageContaining("5 minutes behind")
                .hasMessageContaining("replay");
    }

    @Test
    void a_delivery_from_the_future_is_refused_too() {
        assertRejected(request(SIGNATURE, BODY), SECRET, SENT.minus(Duration.ofHours(3)))
                .hasMessageContaining("3 hours ahead");
    }

    @Test
    void years_old_captures_say_how_old() {
        assertRejected(request(SIGNATURE, BODY), SECRET, Instant.parse("2026-01-01T00:00:00Z"))
                .hasMessageContaining("days behind");
    }

    @Test
    void a_wrong_secret_is_rejected_and_says_where_the_secret_is() {
        assertRejected(request(SIGNATURE, BODY), "not the secret", SENT)
                .hasMessageContaining("does not match")
                .hasMessageContaining("Settings");
    }

    @Test
    void a_changed_body_is_rejected_even_when_only_the_timestamp_changed() {
        byte[] fresher = LinearFixtures.withTimestamp(BODY, SENT.plusSeconds(1));
        assertRejected(request(SIGNATURE, fresher), SECRET, SENT).hasMessageContaining("does not match");
    }

    @Test
    void a_missing_signature_is_rejected_and_names_the_header() {
        assertRejected(request(null, BODY), SECRET, SENT).hasMessageContaining("Linear-Signature");
    }

    @Test
    void malformed_signatures_are_rejected() {
        assertRejected(request("zz".repeat(32), BODY), SECRET, SENT);
        assertRejected(request(SIGNATURE.substring(2), BODY), SECRET, SENT);
        assertRejected(request("sha256=" + SIGNATURE, BODY), SECRET, SENT);
        assertRejected(request(" ", BODY), SECRET, SENT);
    }

    @Test
    void a_signed_body_without_a_timestamp_is_refused() {
        byte[] body = "{\"type\":\"Issue\",\"action\":\"create\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        assertRejected(request(LinearFixtures.signature(SECRET, body), body), SECRET, SENT)
                .hasMessageContaining("no webhookTimestamp");
    }

    @Test
    void a_signed_body_that_is_not_json_is_malformed_not_unauthenticated() {
        byte[] body = "{\"type\": \"Issue\", ".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> connector.verify(request(LinearFixtures.signature(SECRET, body), body), SECRET, SENT))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void a_connection_without_a_secret_rejects_everything() {
        assertRejected(request(SIGNATURE, BODY), "", SENT).hasMessageContaining("no webhook secret");
    }
}
