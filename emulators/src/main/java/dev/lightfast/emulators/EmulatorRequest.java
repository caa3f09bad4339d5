package dev.lightfast.emulators;

import dev.lightfast.core.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** One request as a route sees it: headers by lower-case name, the query decoded, the body parsed. */
public record EmulatorRequest(
        String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {

    static EmulatorRequest of(
            String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k != null && !v.isEmpty()) {
                h.put(k.toLowerCase(Locale.ROOT), v.get(0));
            }
        });
        return new EmulatorRequest(method, path, parseQuery(rawQuery), h, body);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String idempotencyKey() {
        return header("Idempotency-Key");
    }

    /** The token of {@code Authorization: Bearer <token>}, or the whole header when it has no scheme. */
    public String token() {
        String auth = header("Authorization");
        if (auth == null) {
            return null;
        }
        String a = auth.strip();
        return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).strip() : a;
    }

    /** The body as JSON, or a missing node when it is empty or not JSON (routes then answer 400). */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    /** A form-encoded body ({@code application/x-www-form-urlencoded}), as Slack also accepts. */
    public Map<String, String> form() {
        return parseQuery(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }
}
