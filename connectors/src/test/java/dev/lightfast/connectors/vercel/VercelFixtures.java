package dev.lightfast.connectors.vercel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vercel deliveries for tests, shared with the server's end-to-end tests through the test-jar.
 * Vercel publishes no example payloads; these are written from its documented field tables (see
 * {@code vercel/README.md}).
 */
public final class VercelFixtures {
    public static final String ROOT = "vercel/";
    /** Every example file, in the order of the story they tell. */
    public static final List<String> ALL = List.of(
            "project-created.json",
            "deployment-error.json",
            "deployment-canceled.json",
            "deployment-created.json",
            "deployment-succeeded.json",
            "deployment-ready-legacy.json",
            "deployment-promoted.json");

    private VercelFixtures() {}

    public static byte[] body(String name) {
        try (InputStream in = VercelFixtures.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + ROOT + name + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hex {@code x-vercel-signature} of a body: HMAC-SHA1 under the webhook's secret. */
    public static String signature(String secret, byte[] body) {
        return HexFormat.of().formatHex(VercelWebhookVerifier.hmacSha1(secret, body));
    }

    /** The headers Vercel sends with a delivery signed for {@code secret}. */
    public static Map<String, String> signedHeaders(String secret, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-vercel-signature", signature(secret, body));
        headers.put("User-Agent", "Vercel-Webhooks");
        return headers;
    }
}
