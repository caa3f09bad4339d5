package dev.lightfast.cli.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Lower-case hex HMACs, the form every tool of the demo puts in its signature header. */
final class Hmac {
    private Hmac() {}

    static String sha256Hex(String secret, byte[] data) {
        return hex("HmacSHA256", secret, data);
    }

    static String sha1Hex(String secret, byte[] data) {
        return hex("HmacSHA1", secret, data);
    }

    private static String hex(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
