package dev.lightfast.core.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues and checks API keys of the form {@code lf_<keyId>_<secret>}.
 *
 * <p>The key id finds the stored key without scanning; the secret is 256 random bits, so a single
 * SHA-256 is enough to store it (a slow password hash protects low-entropy secrets, which these are
 * not) and keeps authentication off the hot path's profile.
 */
public final class ApiKeys {
    private static final Pattern SHAPE = Pattern.compile("lf_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A freshly issued key: the plaintext to show once, and what to store. */
    public record Issued(String plaintext, StoredApiKey stored) {}

    /** A key as presented by a caller, split into its parts. */
    public record Presented(String keyId, String secret) {}

    public static Issued issue(TenantId tenant, Instant now) {
        return issue(tenant, now, Scope.ALL);
    }

    /** A key that may do only what {@code scopes} allow. */
    public static Issued issue(TenantId tenant, Instant now, java.util.Set<Scope> scopes) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(
                "lf_" + keyId + "_" + secretText, new StoredApiKey(keyId, tenant, hash(secretText), now, scopes));
    }

    public static Optional<Presented> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(presented.strip());
        return m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
    }

    /** Constant-time check of a presented secret against the stored hash. */
    public static boolean matches(Presented presented, StoredApiKey stored) {
        return presented.keyId().equals(stored.keyId())
                && MessageDigest.isEqual(hash(presented.secret()), stored.secretHash());
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
