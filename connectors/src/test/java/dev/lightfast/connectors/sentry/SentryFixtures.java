package dev.lightfast.connectors.sentry;

import dev.lightfast.core.connector.HmacSignatures;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Sentry deliveries for tests, shared with the server's end-to-end tests through the test-jar:
 * Sentry's own 16 mock payloads ({@code getsentry/integration-platform-example}, Apache-2.0, see
 * {@code sentry/LICENSE.integration-platform-example}) and payloads written in the shapes of
 * Sentry's webhook documentation (see {@code sentry/README.md}).
 */
public final class SentryFixtures {
    public static final String ROOT = "sentry/";
    public static final String MOCK = "integration-platform-example-MOCK_WEBHOOK.json";

    /** The written examples, as {@code file → Sentry-Hook-Resource}. */
    public static final Map<String, String> WRITTEN = written();

    /**
     * One delivery body.
     *
     * @param name the file, or {@code mock:<resource>.<action>[:variant]} for one of Sentry's mocks
     * @param resource the {@code Sentry-Hook-Resource} to post it with
     */
    public record Example(String name, String resource, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private SentryFixtures() {}

    private static Map<String, String> written() {
        var all = new LinkedHashMap<String, String>();
        all.put("issue-created.json", "issue");
        all.put("issue-assigned.json", "issue");
        all.put("issue-resolved-in-commit.json", "issue");
        all.put("issue-archived.json", "issue");
        all.put("error-created.json", "error");
        all.put("event-alert-triggered.json", "event_alert");
        all.put("metric-alert-critical.json", "metric_alert");
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Sentry's mocks, then the written examples. */
    public static List<Example> all() {
        List<Example> out = new ArrayList<>(mocks());
        WRITTEN.forEach((name, resource) -> out.add(new Example(name, resource, read(ROOT + name))));
        return out;
    }

    /** Sentry's 16 mock payloads, each as the compact JSON Sentry would post. */
    public static List<Example> mocks() {
        JsonNode all = Json.MAPPER.readTree(read(ROOT + MOCK));
        List<Example> out = new ArrayList<>();
        for (String key : all.propertyNames()) {
            String resource = key.substring(0, key.indexOf('.'));
            out.add(new Example("mock:" + key, resource, Json.MAPPER.writeValueAsBytes(all.get(key))));
        }
        return out;
    }

    public static Example get(String name) {
        return all().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Sentry example " + name));
    }

    /** The hex {@code Sentry-Hook-Signature} of a body under the integration's client secret. */
    public static String signature(String clientSecret, byte[] body) {
        return HmacSignatures.hmacSha256Hex(clientSecret, body);
    }

    /** The headers Sentry sends with a webhook made at {@code sentAt}, signed for {@code clientSecret}. */
    public static Map<String, String> signedHeaders(
            String resource, String requestId, String clientSecret, byte[] body, Instant sentAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Request-ID", requestId);
        headers.put("Sentry-Hook-Resource", resource);
        headers.put("Sentry-Hook-Timestamp", Long.toString(sentAt.getEpochSecond()));
        headers.put("Sentry-Hook-Signature", signature(clientSecret, body));
        return headers;
    }

    private static byte[] read(String resource) {
        try (InputStream in = SentryFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
