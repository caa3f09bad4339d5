package dev.lightfast.core.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures as tools send them: computed over raw bytes, compared in constant time. */
public final class HmacSignatures {
    private HmacSignatures() {}

    public static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public static String hmacSha256Hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    /**
     * Compares a presented hex signature with the expected bytes without leaking, through timing,
     * how much of it was right. Malformed hex is simply a mismatch.
     */
    public static boolean hexMatches(String presentedHex, byte[] expected) {
        if (presentedHex == null || presentedHex.length() != expected.length * 2) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(presentedHex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, expected);
    }
}
