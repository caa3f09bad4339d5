package dev.lightfast.core.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC every tool here signs with, computed as the body streams in: over an optional prefix
 * made from the headers (Slack's {@code v0:<timestamp>:}) and then the body's bytes, compared in
 * constant time with the hex signature the headers presented.
 */
public final class HmacBodySignature implements BodySignature {

    /** What the tool signs besides the body, checked once the MAC matched (a timestamp's age). */
    @FunctionalInterface
    public interface Then {
        void check(WebhookRequest request, Instant now);

        Then NOTHING = (request, now) -> {};
    }

    private final Mac mac;
    private final String presentedHex;
    private final Supplier<WebhookRejected> mismatch;
    private final Then then;

    private HmacBodySignature(Mac mac, String presentedHex, Supplier<WebhookRejected> mismatch, Then then) {
        this.mac = mac;
        this.presentedHex = presentedHex;
        this.mismatch = mismatch;
        this.then = then;
    }

    /**
     * @param algorithm a JDK MAC name, {@code HmacSHA256} or {@code HmacSHA1}
     * @param prefix bytes signed before the body, or null
     * @param presentedHex the signature the request carries, as hex
     * @param mismatch the rejection to throw when it does not match, saying what to check
     * @param then the checks that follow a match
     */
    public static HmacBodySignature start(
            String algorithm,
            String secret,
            byte[] prefix,
            String presentedHex,
            Supplier<WebhookRejected> mismatch,
            Then then) {
        Mac mac = keyed(algorithm, secret);
        if (prefix != null) {
            mac.update(prefix);
        }
        return new HmacBodySignature(mac, presentedHex, mismatch, then);
    }

    /** A connection's key, made into a MAC once: every delivery starts from a copy of it. */
    private record Keyed(String algorithm, String secret) {}

    /** As many connections' keys as a server sees at once; past that it starts over (a rare rebuild). */
    private static final int KEPT = 4096;

    private static final ConcurrentHashMap<Keyed, Mac> PROTOTYPES = new ConcurrentHashMap<>();

    /**
     * A fresh MAC under {@code secret}: a clone of one initialized before, which costs a copy of its
     * state rather than a provider lookup and the key schedule on every request. The prototypes are
     * never used themselves, only copied, so sharing them between threads is safe.
     */
    private static Mac keyed(String algorithm, String secret) {
        var key = new Keyed(algorithm, secret);
        Mac prototype = PROTOTYPES.get(key);
        if (prototype == null) {
            if (PROTOTYPES.size() >= KEPT) {
                PROTOTYPES.clear();
            }
            prototype = PROTOTYPES.computeIfAbsent(key, k -> newMac(k.algorithm(), k.secret()));
        }
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(algorithm, secret);
        }
    }

    private static Mac newMac(String algorithm, String secret) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        mac.update(bytes, offset, length);
    }

    @Override
    public void verify(WebhookRequest request, Instant now) {
        if (!HmacSignatures.hexMatches(presentedHex, mac.doFinal())) {
            throw mismatch.get();
        }
        then.check(request, now);
    }

    /** Checks a whole body at once: starts, feeds it, verifies. */
    public static void verifyWhole(BodySignature signature, WebhookRequest request, Instant now) {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        signature.update(body, 0, body.length);
        signature.verify(request, now);
    }
}
