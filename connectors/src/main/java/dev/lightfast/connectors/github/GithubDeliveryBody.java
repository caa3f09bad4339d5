package dev.lightfast.connectors.github;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a delivery body in either of GitHub's two content types: {@code application/json}, or
 * {@code application/x-www-form-urlencoded} with the JSON in a {@code payload} field (the default
 * when a hook is created in the UI, and easy to leave unchanged).
 */
final class GithubDeliveryBody {
    private static final String FORM_FIELD = "payload=";

    private GithubDeliveryBody() {}

    /**
     * @throws WebhookRejected (MALFORMED) unless the body is, or carries, one JSON object
     */
    static JsonNode parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw malformed("the body is empty");
        }
        JsonNode node;
        try {
            // Bytes straight to the parser: decoding to a String first costs a copy and a slower parser.
            node = isForm(body, contentType) ? Json.MAPPER.readTree(formPayload(body)) : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw malformed("the body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw malformed("the body must be a JSON object, as GitHub sends");
        }
        return node;
    }

    /**
     * The body itself decides: a form body starts with {@code payload=}, a JSON one with a brace.
     * The content type only breaks a tie, because hand-made deliveries (curl -d) often claim to be
     * a form while carrying JSON, and the signature covers the bytes either way.
     */
    private static boolean isForm(byte[] body, String contentType) {
        if (startsWith(body, FORM_FIELD)) {
            return true;
        }
        if (firstNonBlank(body) == '{') {
            return false;
        }
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static int firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }

    private static String formPayload(byte[] body) {
        String form = new String(body, StandardCharsets.US_ASCII);
        for (String field : form.split("&")) {
            if (field.startsWith(FORM_FIELD)) {
                try {
                    return URLDecoder.decode(field.substring(FORM_FIELD.length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw malformed("the form field 'payload' is not valid URL encoding");
                }
            }
        }
        throw malformed("a form-encoded delivery must have a 'payload' field holding the JSON");
    }

    private static boolean startsWith(byte[] body, String prefix) {
        if (body.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static WebhookRejected malformed(String what) {
        return new WebhookRejected(
                WebhookRejected.Reason.MALFORMED,
                "not a GitHub webhook delivery: " + what + ". Set the webhook's content type to application/json.");
    }
}
