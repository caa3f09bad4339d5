package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Entity ids derived from kind and key: the same thing gets the same id in every rebuild and on
 * every server, and the id is safe in a URL path where a key such as {@code tool:o/r/pull/1} is
 * not.
 */
public final class EntityIds {
    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private EntityIds() {}

    public static String of(EntityRef ref) {
        return of(ref.kind(), ref.key());
    }

    public static String of(String kind, String key) {
        byte[] hash = sha256(kind + "\u0000" + key);
        var id = new StringBuilder("ent_");
        // 100 bits: collisions among a tenant's entities are not a practical concern.
        long bits = 0;
        int have = 0;
        int i = 0;
        while (id.length() < 24) {
            if (have < 5) {
                bits = (bits << 8) | (hash[i++] & 0xff);
                have += 8;
            }
            id.append(CROCKFORD[(int) ((bits >>> (have - 5)) & 31)]);
            have -= 5;
        }
        return id.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
