package dev.lightfast.core.connection;

import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;

/**
 * A tool connected to a tenant: the webhook endpoint {@code /webhooks/{provider}/{id}} and the
 * shared secret the tool signs its deliveries with. The secret must be kept usable (not hashed)
 * because verifying an HMAC needs it.
 */
public record Connection(String id, TenantId tenant, String provider, String secret, Instant createdAt) {

    /** A webhook secret for a tool that was not given one: 256 random bits, base64url. */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @Override
    public String toString() {
        return "Connection[id=" + id + ", tenant=" + tenant + ", provider=" + provider + "]";
    }
}
