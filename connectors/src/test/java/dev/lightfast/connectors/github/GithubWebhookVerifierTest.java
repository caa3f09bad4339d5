package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** GitHub's documented test vector, and the ways a signature can be wrong. */
class GithubWebhookVerifierTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final GithubWebhookVerifier verifier = new GithubWebhookVerifier();

    private static WebhookRequest request(Map<String, String> headers) {
        return new WebhookRequest(headers, BODY);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(WebhookRequest request, String secret) {
        return assertThatThrownBy(() -> verifier.verify(request, secret))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.UNAUTHENTICATED);
    }

    @Test
    void githubs_documented_vector_passes() {
        assertThatCode(() -> verifier.verify(request(Map.of("X-Hub-Signature-256", SIGNATURE)), SECRET))
                .doesNotThrowAnyException();
    }

    @Test
    void header_names_are_case_insensitive_and_hex_case_does_not_matter() {
        var upper = "sha256=" + SIGNATURE.substring(7).toUpperCase(java.util.Locale.ROOT);
        assertThatCode(() -> verifier.verify(request(Map.of("x-hub-signature-256", upper)), SECRET))
                .doesNotThrowAnyException();
    }

    @Test
    void the_connector_verifies_the_same_way() {
        assertThatCode(() -> new GithubConnector()
                        .verify(request(Map.of("X-Hub-Signature-256", SIGNATURE)), SECRET, Instant.EPOCH))
                .doesNotThrowAnyException();
    }

    @Test
    void a_wrong_secret_is_rejected_with_a_hint_about_the_secret() {
        assertRejected(request(Map.of("X-Hub-Signature-256", SIGNATURE)), "not the secret")
                .hasMessageContaining("secret");
    }

    @Test
    void a_changed_body_is_rejected() {
        var changed = new WebhookRequest(
                Map.of("X-Hub-Signature-256", SIGNATURE), "Hello, World?".getBytes(StandardCharsets.UTF_8));
        assertRejected(changed, SECRET).hasMessageContaining("does not match");
    }

    @Test
    void a_missing_header_is_rejected_and_says_which_header() {
        assertRejected(request(Map.of()), SECRET).hasMessageContaining("X-Hub-Signature-256");
    }

    @Test
    void only_the_sha1_header_is_not_enough() {
        assertRejected(request(Map.of("X-Hub-Signature", "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")), SECRET)
                .hasMessageContaining("SHA-1");
    }

    @Test
    void a_sha1_prefix_is_rejected() {
        assertRejected(request(Map.of("X-Hub-Signature-256", "sha1=" + SIGNATURE.substring(7))), SECRET)
                .hasMessageContaining("sha256=");
    }

    @Test
    void a_signature_without_prefix_is_rejected() {
        assertRejected(request(Map.of("X-Hub-Signature-256", SIGNATURE.substring(7))), SECRET);
    }

    @Test
    void bad_hex_is_rejected() {
        assertRejected(request(Map.of("X-Hub-Signature-256", "sha256=" + "zz".repeat(32))), SECRET);
    }

    @Test
    void a_truncated_signature_is_rejected() {
        assertRejected(request(Map.of("X-Hub-Signature-256", SIGNATURE.substring(0, SIGNATURE.length() - 2))), SECRET);
    }

    @Test
    void an_empty_signature_is_rejected() {
        assertRejected(request(Map.of("X-Hub-Signature-256", "sha256=")), SECRET);
    }

    @Test
    void a_connection_without_a_secret_rejects_everything() {
        assertRejected(request(Map.of("X-Hub-Signature-256", SIGNATURE)), "").hasMessageContaining("no webhook secret");
    }
}
