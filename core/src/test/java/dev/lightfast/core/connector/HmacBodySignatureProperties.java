package dev.lightfast.core.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The MAC computed as a body streams in, in pieces of any size, is the MAC of the whole body. */
class HmacBodySignatureProperties {

    @Property(tries = 200)
    void streaming_in_any_pieces_verifies_exactly_what_the_whole_body_would(
            @ForAll @Size(max = 4096) byte[] body,
            @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 700) Integer> pieces,
            @ForAll("secrets") String secret,
            @ForAll boolean tamper) {
        byte[] prefix = "v0:123:".getBytes(StandardCharsets.US_ASCII);
        byte[] signedBase = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signedBase, 0, prefix.length);
        System.arraycopy(body, 0, signedBase, prefix.length, body.length);
        String hex = HmacSignatures.hmacSha256Hex(secret, signedBase);
        if (tamper) {
            hex = (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
        }
        var signature = HmacBodySignature.start(
                "HmacSHA256",
                secret,
                prefix,
                hex,
                () -> new WebhookRejected(WebhookRejected.Reason.UNAUTHENTICATED, "mismatch"),
                HmacBodySignature.Then.NOTHING);
        int at = 0;
        for (int piece : pieces) {
            int n = Math.min(piece, body.length - at);
            signature.update(body, at, n);
            at += n;
        }
        signature.update(body, at, body.length - at);
        var request = new WebhookRequest(Map.of(), body);
        if (tamper) {
            assertThatThrownBy(() -> signature.verify(request, Instant.EPOCH)).isInstanceOf(WebhookRejected.class);
        } else {
            signature.verify(request, Instant.EPOCH);
            assertThat(at).isLessThanOrEqualTo(body.length);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> secrets() {
        return net.jqwik.api.Arbitraries.strings().ofMinLength(1).ofMaxLength(64);
    }
}
