package dev.lightfast.core.connector;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook delivery as it reached us: header names are case-insensitive, the body is the exact
 * bytes the tool signed.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        var lower = new TreeMap<String, String>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    /** The header's value, or null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
