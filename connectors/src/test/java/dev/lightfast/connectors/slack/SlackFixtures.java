package dev.lightfast.connectors.slack;

import dev.lightfast.core.connector.HmacSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack Events API deliveries for tests, shared with the server's end-to-end tests through the
 * test-jar: Slack's own envelope samples ({@code slack/sdk/}, from {@code slackapi/java-slack-sdk},
 * MIT, see {@code slack/LICENSE.java-slack-sdk}) and a written incident story ({@code
 * slack/story/}, see {@code slack/README.md}).
 */
public final class SlackFixtures {
    public static final String ROOT = "slack/";
    public static final String USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)";
    /** The story's deliveries, in the order they happened. */
    public static final List<String> STORY = List.of(
            "team-join.json",
            "channel-created.json",
            "member-joined-channel.json",
            "message-posted.json",
            "message-thread-reply.json",
            "message-decision.json",
            "reaction-added-check.json",
            "message-changed.json",
            "reaction-removed-check.json",
            "message-deleted.json",
            "pin-added.json",
            "app-rate-limited.json");

    public static final String URL_VERIFICATION = "url-verification.json";

    /** One of Slack's samples: its file name and exact bytes. */
    public record Sample(String name, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private SlackFixtures() {}

    /** Slack's 96 envelope samples, as listed in {@code slack/sdk/index.txt}. */
    public static List<Sample> sdk() {
        return sdkIndex().stream()
                .map(n -> new Sample(n, read(ROOT + "sdk/" + n)))
                .toList();
    }

    public static List<String> sdkIndex() {
        return new String(read(ROOT + "sdk/index.txt"), StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    /** A story delivery's exact bytes. */
    public static byte[] story(String name) {
        return read(ROOT + "story/" + name);
    }

    /** The body of Slack's documented signing example. */
    public static byte[] signingVectorBody() {
        return read(ROOT + "signing-vector-body.txt");
    }

    /** {@code v0=<hex>}: HMAC-SHA256 of {@code v0:<timestamp>:<body>} under the signing secret. */
    public static String signature(String signingSecret, long timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] base = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(body, 0, base, prefix.length, body.length);
        return "v0=" + HmacSignatures.hmacSha256Hex(signingSecret, base);
    }

    /** The headers Slack sends with a request made at {@code sentAt}, signed for {@code signingSecret}. */
    public static Map<String, String> signedHeaders(String signingSecret, Instant sentAt, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Slack-Request-Timestamp", Long.toString(sentAt.getEpochSecond()));
        headers.put("X-Slack-Signature", signature(signingSecret, sentAt.getEpochSecond(), body));
        return headers;
    }

    /** The headers of Slack's {@code retryNum}-th retry of a request: signed anew, with the retry headers. */
    public static Map<String, String> retryHeaders(String signingSecret, Instant sentAt, byte[] body, int retryNum) {
        Map<String, String> headers = signedHeaders(signingSecret, sentAt, body);
        headers.put("X-Slack-Retry-Num", Integer.toString(retryNum));
        headers.put("X-Slack-Retry-Reason", "http_timeout");
        return headers;
    }

    private static byte[] read(String resource) {
        try (InputStream in = SlackFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
