package dev.lightfast.bench.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Every id in the history, made deterministically. Names (SHAs, UUIDs, Slack and Vercel ids) are
 * derived from a seed text, so they do not move when the story gains a step elsewhere; numeric ids
 * grow per kind in steps from one fixed-seed random source, as the tools' own counters do.
 */
final class StoryIds {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SLACK_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Random random = new Random(20_261_120L);
    private final Map<String, Long> counters = new HashMap<>();

    /** The next id of a kind: starts at {@code base}, then grows by 1-{@code maxStep} each time. */
    long next(String kind, long base, int maxStep) {
        long id = counters.merge(kind, base, (old, ignored) -> old + 1 + random.nextInt(maxStep));
        return id;
    }

    /** A 40-hex git object id. */
    static String sha(String seed) {
        return HexFormat.of().formatHex(digest("SHA-1", seed));
    }

    /** A name-based UUID (version 3): the same seed gives the same UUID. */
    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Letters and digits, as Vercel ids ({@code dpl_...}) are made. */
    static String base62(String seed, int length) {
        return alphabet(seed, length, BASE62);
    }

    /** Upper-case letters and digits, as Slack ids ({@code Ev...}, {@code C...}) are made. */
    static String slack(String seed, int length) {
        return alphabet(seed, length, SLACK_ALPHABET);
    }

    /** GitHub's newer node ids: a type prefix and base64 of the object's database id. */
    static String nodeId(String prefix, long id) {
        String encoded = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("0:" + prefix + ":" + id).getBytes(StandardCharsets.UTF_8));
        return prefix + "_kwDO" + encoded.substring(0, Math.min(encoded.length(), 16));
    }

    private static String alphabet(String seed, int length, String alphabet) {
        var sb = new StringBuilder(length);
        byte[] bytes = digest("SHA-256", seed);
        int i = 0;
        while (sb.length() < length) {
            if (i == bytes.length) {
                bytes = digest("SHA-256", seed + sb);
                i = 0;
            }
            sb.append(alphabet.charAt(Byte.toUnsignedInt(bytes[i++]) % alphabet.length()));
        }
        return sb.toString();
    }

    private static byte[] digest(String algorithm, String seed) {
        try {
            return MessageDigest.getInstance(algorithm).digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
