package dev.lightfast.core.subscription;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 to 64 random bytes (we
 * make 32). The receiver verifies with the same string; {@link #toString} never shows it.
 */
public final class SigningSecret {
    public static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String text;
    private final byte[] key;

    private SigningSecret(String text, byte[] key) {
        this.text = text;
        this.key = key;
    }

    public static SigningSecret generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
    }

    /** Reads a secret written by {@link #value}; refuses anything else. */
    public static SigningSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is " + PREFIX + " and base64", e);
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a signing secret holds 24 to 64 bytes; this one " + key.length);
        }
        return new SigningSecret(text, key);
    }

    /** The secret as the receiver configures it. */
    public String value() {
        return text;
    }

    /** The HMAC key: the decoded bytes. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningSecret other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
