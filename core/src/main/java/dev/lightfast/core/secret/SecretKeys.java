package dev.lightfast.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal secrets at rest (a tool's webhook secret today, its API credentials later):
 * AES-256-GCM from the JDK, with a key the database never holds. One key is current and seals;
 * retired keys only open what they sealed, until everything is sealed again under the current one.
 *
 * <p>A sealed value reads {@code lfsealed:v1:<key id>:<base64url of nonce, ciphertext and tag>}. The
 * key id (the first 8 hex digits of the key's SHA-256) names which key opens it, so a database
 * sealed with several keys during a rotation stays readable. What the secret belongs to (a
 * connection id) is bound in as associated data: a sealed value copied onto another row does not
 * open there.
 */
public final class SecretKeys {
    /** The prefix of every sealed value; a stored secret without it was written before sealing. */
    public static final String PREFIX = "lfsealed:v1:";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKey> byId;
    private final String source;

    private SecretKeys(List<byte[]> keys, String source) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        var ids = new LinkedHashMap<String, SecretKey>();
        for (byte[] k : keys) {
            if (k.length != KEY_BYTES) {
                throw new IllegalArgumentException(
                        "a secret key is " + KEY_BYTES + " bytes (256 bits); got " + k.length);
            }
            ids.putIfAbsent(id(k), new SecretKeySpec(k, "AES"));
        }
        this.currentId = id(keys.getFirst());
        this.byId = Map.copyOf(ids);
        this.source = source;
    }

    /**
     * @param current the key that seals
     * @param retired keys that only open, during a rotation
     * @param source where the keys came from, for the start-up log (never the keys themselves)
     */
    public static SecretKeys of(byte[] current, List<byte[]> retired, String source) {
        var all = new ArrayList<byte[]>();
        all.add(current);
        all.addAll(retired);
        return new SecretKeys(all, source);
    }

    /** A new random key, 256 bits. */
    public static byte[] newKey() {
        byte[] k = new byte[KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    /** A key as it is written in a key file or {@code LIGHTFAST_SECRET_KEY}: base64 of 32 bytes. */
    public static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * Reads a key written as base64 (standard or URL-safe, padded or not) of 32 bytes.
     *
     * @param what where it was written, for the message
     */
    public static byte[] decode(String text, String what) {
        String s = text.strip();
        byte[] k;
        try {
            k = s.contains("-") || s.contains("_")
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64: make a key with `openssl rand -base64 32`");
        }
        if (k.length != KEY_BYTES) {
            throw new IllegalArgumentException(what + " holds " + k.length + " bytes; a key is " + KEY_BYTES
                    + " bytes (make one with `openssl rand -base64 32`)");
        }
        return k;
    }

    /** Where the keys came from, for the start-up log. */
    public String source() {
        return source;
    }

    /** The id of the key that seals, as sealed values name it. */
    public String currentId() {
        return currentId;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /**
     * Seals {@code secret} under the current key.
     *
     * @param owner what the secret belongs to (a connection id); the same owner is needed to open it
     */
    public String seal(String secret, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, byId.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + currentId + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * Opens a sealed value; a value written before sealing (no prefix) is returned as it is, so that
     * a store reads while its start-up pass seals what is left.
     *
     * @throws SecretUnreadable when no key here opens it, or it was altered or moved to another owner
     */
    public String open(String stored, String owner) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new SecretUnreadable("a sealed secret of " + owner + " is malformed");
        }
        String keyId = rest.substring(0, colon);
        SecretKey key = byId.get(keyId);
        if (key == null) {
            throw new SecretUnreadable("the secret of " + owner + " is sealed with key " + keyId
                    + ", which this server does not have (it has " + String.join(", ", byId.keySet())
                    + ", from " + source + "): give every server the same LIGHTFAST_SECRET_KEY, and keep a"
                    + " retired key in LIGHTFAST_SECRET_KEY_PREVIOUS until its secrets are sealed again");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretUnreadable("a sealed secret of " + owner + " is too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadable("the sealed secret of " + owner + " does not open with key " + keyId
                    + ": it was altered, or copied from another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** Whether a stored value should be sealed again: written before sealing, or under a retired key. */
    public boolean needsSealing(String stored) {
        return !isSealed(stored) || !stored.startsWith(PREFIX + currentId + ":");
    }

    private static String id(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SecretKeys[current " + currentId + ", " + byId.size() + " in all, from " + source + "]";
    }
}
