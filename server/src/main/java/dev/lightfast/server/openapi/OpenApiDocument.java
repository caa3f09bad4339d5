package dev.lightfast.server.openapi;

import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RouteSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 description of the routes that are registered, built from their specs. */
public final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApiDocument() {}

    public static Map<String, Object> of(List<RouteSpec> routes, String version) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.1.0");
        doc.put(
                "info",
                Map.of(
                        "title", "Lightfast",
                        "version", version,
                        "description", "The operating layer between a software team's agents and its tools."));
        var paths = new TreeMap<String, Map<String, Object>>();
        for (var r : routes) {
            paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>())
                    .put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put(
                "components",
                Map.of(
                        "schemas", Schemas.all(),
                        "securitySchemes",
                                Map.of(
                                        "apiKey",
                                                Map.of(
                                                        "type",
                                                        "http",
                                                        "scheme",
                                                        "bearer",
                                                        "description",
                                                        "a tenant's API key"),
                                        "adminToken",
                                                Map.of(
                                                        "type",
                                                        "http",
                                                        "scheme",
                                                        "bearer",
                                                        "description",
                                                        "the operator's admin token"),
                                        "consoleSession",
                                                Map.of(
                                                        "type",
                                                        "apiKey",
                                                        "in",
                                                        "cookie",
                                                        "name",
                                                        "lf_console",
                                                        "description",
                                                        "the console's session (POST /console/session); a change"
                                                                + " also needs its CSRF token in X-CSRF-Token"),
                                        "webhookSignature",
                                                Map.of(
                                                        "type",
                                                        "apiKey",
                                                        "in",
                                                        "header",
                                                        "name",
                                                        "X-Hub-Signature-256",
                                                        "description",
                                                        "the tool's own signature (GitHub: HMAC-SHA256 of the body)"))));
        return doc;
    }

    private static Map<String, Object> operation(RouteSpec r) {
        var op = new LinkedHashMap<String, Object>();
        op.put("operationId", operationId(r));
        op.put("summary", r.summary());
        op.put("tags", List.of(r.tag()));
        switch (r.auth()) {
            case NONE -> op.put("security", List.of());
            case ADMIN -> op.put("security", List.of(Map.of("adminToken", List.of())));
            case TENANT -> op.put("security", List.of(Map.of("apiKey", List.of())));
            case SESSION -> op.put("security", List.of(Map.of("consoleSession", List.of())));
            case SIGNATURE -> op.put("security", List.of(Map.of("webhookSignature", List.of())));
        }
        var params = new ArrayList<Object>();
        var m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Schemas.string()));
        }
        for (var q : r.query()) {
            var param = new LinkedHashMap<String, Object>();
            param.put("name", q.name());
            param.put("in", q.in());
            param.put("description", q.description());
            param.put("required", q.required());
            param.put("schema", q.schema());
            if (q.example() != null) {
                param.put("example", q.example());
            }
            params.add(param);
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.requestSchema() != null) {
            var media = new LinkedHashMap<String, Object>();
            media.put("schema", r.requestSchema());
            if (r.requestExample() != null) {
                media.put("example", r.requestExample());
            }
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", media)));
        }
        var responses = new TreeMap<String, Object>();
        r.responses().forEach((status, resp) -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("description", resp.description());
            if (resp.schema() != null) {
                body.put("content", content(r, status, resp.schema()));
            }
            responses.put(String.valueOf(status), body);
        });
        if (r.auth() == Auth.TENANT || r.auth() == Auth.ADMIN || r.auth() == Auth.SESSION) {
            responses.putIfAbsent("401", error("missing or wrong credentials"));
        }
        responses.putIfAbsent("default", error("an error, as {\"error\":{\"code\",\"message\"}}"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> content(RouteSpec r, int status, Object schema) {
        if ((r.path().equals("/metrics") || r.path().startsWith("/webhooks/")) && status == 200) {
            return Map.of("text/plain", Map.of("schema", schema));
        }
        if (r.path().endsWith("/stream") && status == 200) {
            return Map.of("text/event-stream", Map.of("schema", schema));
        }
        if (r.tag().equals("mcp") && status == 200 && !r.method().equals("DELETE")) {
            // MCP answers initialize with JSON and other requests (and GET) as a server-sent event stream.
            return Map.of(
                    "application/json",
                    Map.of("schema", schema),
                    "text/event-stream",
                    Map.of(
                            "schema",
                            Map.of("type", "string", "description", "events whose data is a JSON-RPC message")));
        }
        return Map.of("application/json", Map.of("schema", schema));
    }

    private static Map<String, Object> error(String description) {
        return Map.of(
                "description",
                description,
                "content",
                Map.of("application/json", Map.of("schema", Schemas.ref("Error"))));
    }

    private static String operationId(RouteSpec r) {
        var id = new StringBuilder(r.method().toLowerCase(java.util.Locale.ROOT));
        for (String part : r.path().split("[/{}.]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
