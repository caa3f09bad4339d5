package dev.lightfast.core.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: the base64 of HMAC-SHA256, keyed by the secret's bytes, over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; the {@code webhook-signature} header lists one
 * {@code v1,<signature>} per signing secret, separated by spaces.
 */
public final class WebhookSignature {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private WebhookSignature() {}

    public static String sign(SigningSecret secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The {@code webhook-signature} header: a {@code v1,} signature per secret. */
    public static String header(List<SigningSecret> secrets, String messageId, long timestampSeconds, byte[] body) {
        return secrets.stream()
                .map(s -> "v1," + sign(s, messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    /**
     * Signs many messages with the same secrets, keyed once: looking up and keying an HMAC costs
     * more than signing a small body. Not for use by several threads at once.
     */
    public static final class Signer {
        private final List<SigningSecret> secrets;
        private final List<Mac> macs;

        public Signer(List<SigningSecret> secrets) {
            this.secrets = List.copyOf(secrets);
            try {
                var keyed = new java.util.ArrayList<Mac>();
                for (SigningSecret s : secrets) {
                    var mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(s.key(), "HmacSHA256"));
                    keyed.add(mac);
                }
                this.macs = List.copyOf(keyed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }

        /** Whether these are the secrets it was made for. */
        public boolean signsWith(List<SigningSecret> secrets) {
            return this.secrets.equals(secrets);
        }

        /** The {@code webhook-signature} header, as {@link #header} makes it. */
        public String header(String messageId, long timestampSeconds, byte[] body) {
            var out = new StringBuilder();
            byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
            for (Mac mac : macs) {
                mac.update(prefix);
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal(body)));
            }
            return out.toString();
        }
    }
}
