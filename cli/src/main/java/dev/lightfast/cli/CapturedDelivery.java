package dev.lightfast.cli;

import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import tools.jackson.databind.JsonNode;

/**
 * A delivery captured to a file: {@code {"headers": {...}, "body": ...}}, where the body is the
 * payload as a JSON value or as the exact string that was sent.
 */
final class CapturedDelivery {
    private CapturedDelivery() {}

    static WebhookRequest read(Path file) throws IOException {
        JsonNode capture;
        try {
            capture = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (capture == null || !capture.isObject() || !capture.has("headers") || !capture.has("body")) {
            throw new IllegalArgumentException(
                    "expected a capture like {\"headers\": {\"X-GitHub-Event\": ..., \"X-GitHub-Delivery\": ...}, \"body\": {...}}");
        }
        var headers = new LinkedHashMap<String, String>();
        for (var entry : capture.get("headers").properties()) {
            headers.put(
                    entry.getKey(),
                    entry.getValue().isString()
                            ? entry.getValue().stringValue()
                            : entry.getValue().toString());
        }
        JsonNode body = capture.get("body");
        byte[] bytes = body.isString()
                ? body.stringValue().getBytes(StandardCharsets.UTF_8)
                : Json.MAPPER.writeValueAsBytes(body);
        return new WebhookRequest(headers, bytes);
    }
}
