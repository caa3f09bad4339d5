package dev.lightfast.connectors.linear;

import dev.lightfast.core.connector.HmacSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linear deliveries for tests, shared with the server's end-to-end tests through the test-jar.
 * {@code linear/comment-create.sdk-test.json} is Linear's own (from the {@code linear/linear} SDK
 * tests, MIT, see {@code linear/LICENSE.linear}); the others are written field by field from the
 * {@code *WebhookPayload} types of Linear's public schema ({@code
 * linear/schema-webhook-payload-types.graphql}, same licence), which {@code LinearFixturesTest}
 * checks them against. They tell one story: ENG-123, a checkout timeout after a deploy.
 */
public final class LinearFixtures {
    public static final String ROOT = "linear/";
    /** Linear's own example body, byte for byte: the signature vector in VECTORS.md is over it. */
    public static final String SDK_COMMENT = "comment-create.sdk-test.json";

    /** Every example delivery, as {@code file → Linear-Event}. */
    public static final Map<String, String> ALL = examples();

    private static final Pattern TIMESTAMP = Pattern.compile("(\"webhookTimestamp\"\\s*:\\s*)[0-9.eE+]+");

    private LinearFixtures() {}

    private static Map<String, String> examples() {
        var all = new LinkedHashMap<String, String>();
        all.put(SDK_COMMENT, "Comment");
        all.put("issue-create.json", "Issue");
        all.put("issue-update-state-assignee.json", "Issue");
        all.put("issue-update-done.json", "Issue");
        all.put("issue-update-description.json", "Issue");
        all.put("issue-remove.json", "Issue");
        all.put("comment-create.json", "Comment");
        all.put("project-update-status.json", "Project");
        all.put("cycle-update-completed.json", "Cycle");
        all.put("issuelabel-create.json", "IssueLabel");
        all.put("reaction-create.json", "Reaction");
        return java.util.Collections.unmodifiableMap(all);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The exact bytes of an example. */
    public static byte[] body(String name) {
        return read(ROOT + name);
    }

    /**
     * The example as Linear would send it at {@code sentAt}: only {@code webhookTimestamp} changes,
     * so that a test posting it through the replay check is fresh.
     */
    public static byte[] sentAt(String name, Instant sentAt) {
        return withTimestamp(body(name), sentAt);
    }

    public static byte[] withTimestamp(byte[] body, Instant sentAt) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("the body has no webhookTimestamp");
        }
        return m.replaceFirst("$1" + sentAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    }

    /** The hex {@code Linear-Signature} of a body. */
    public static String signature(String secret, byte[] body) {
        return HmacSignatures.hmacSha256Hex(secret, body);
    }

    /** The headers Linear sends: event, delivery id, a valid signature for {@code secret}, JSON. */
    public static Map<String, String> signedHeaders(String event, String deliveryId, String secret, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Linear-Event", event);
        headers.put("Linear-Delivery", deliveryId);
        headers.put("Linear-Signature", signature(secret, body));
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Linear-Webhook");
        return headers;
    }

    private static byte[] read(String resource) {
        try (InputStream in = LinearFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
