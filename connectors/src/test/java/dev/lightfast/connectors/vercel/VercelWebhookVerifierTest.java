package dev.lightfast.connectors.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The VECTORS.md HMAC-SHA1 vector, and the ways a signature can be wrong. */
class VercelWebhookVerifierTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    /** VECTORS.md: hex HMAC-SHA1 over GitHub's inputs. */
    private static final String SIGNATURE = "01dc10d0c83e72ed246219cdd91669667fe2ca59";

    private final VercelConnector connector = new VercelConnector();

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            Map<String, String> headers, byte[] body, String secret) {
        return assertThatThrownBy(() -> connector.verify(new WebhookRequest(headers, body), secret, Instant.EPOCH))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.UNAUTHENTICATED);
    }

    @Test
    void the_vector_passes_at_any_time_because_vercel_signs_no_time() {
        for (Instant now : new Instant[] {Instant.EPOCH, Instant.parse("2099-01-01T00:00:00Z")}) {
            assertThatCode(() -> connector.verify(
                            new WebhookRequest(Map.of("x-vercel-signature", SIGNATURE), BODY), SECRET, now))
                    .doesNotThrowAnyException();
        }
        assertThat(VercelFixtures.signature(SECRET, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void header_case_and_hex_case_do_not_matter() {
        assertThatCode(() -> connector.verify(
                        new WebhookRequest(
                                Map.of("X-Vercel-Signature", SIGNATURE.toUpperCase(java.util.Locale.ROOT)), BODY),
                        SECRET,
                        Instant.EPOCH))
                .doesNotThrowAnyException();
    }

    @Test
    void a_wrong_secret_or_changed_body_is_rejected_and_says_where_the_secret_is() {
        assertRejected(Map.of("x-vercel-signature", SIGNATURE), BODY, "wrong").hasMessageContaining("Webhooks");
        assertRejected(
                        Map.of("x-vercel-signature", SIGNATURE),
                        "Hello, World?".getBytes(StandardCharsets.UTF_8),
                        SECRET)
                .hasMessageContaining("does not match");
    }

    @Test
    void a_sha256_signature_or_bad_hex_is_rejected() {
        assertRejected(
                Map.of("x-vercel-signature", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                BODY,
                SECRET);
        assertRejected(Map.of("x-vercel-signature", "zz".repeat(20)), BODY, SECRET);
        assertRejected(Map.of("x-vercel-signature", "sha1=" + SIGNATURE), BODY, SECRET);
    }

    @Test
    void a_missing_signature_or_secret_is_rejected() {
        assertRejected(Map.of(), BODY, SECRET).hasMessageContaining("missing x-vercel-signature");
        assertRejected(Map.of("x-vercel-signature", SIGNATURE), BODY, "").hasMessageContaining("no webhook secret");
    }
}
