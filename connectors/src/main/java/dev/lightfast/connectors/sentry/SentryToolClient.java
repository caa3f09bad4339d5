package dev.lightfast.connectors.sentry;

import dev.lightfast.connectors.act.ActionMarker;
import dev.lightfast.connectors.act.InvalidToolCall;
import dev.lightfast.connectors.act.ToolArguments;
import dev.lightfast.connectors.act.ToolHttp;
import dev.lightfast.connectors.act.ToolUnreachable;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolClient;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sentry's REST API: a note on an issue ({@code POST /api/0/issues/{id}/comments/}), and assigning
 * or resolving it ({@code PUT /api/0/issues/{id}/}). A note carries the idempotency key as a
 * Markdown comment (Sentry escapes HTML), which {@link #findDone} looks for in the issue's notes;
 * assigning and resolving are idempotent, so findDone checks the issue's state instead.
 */
public final class SentryToolClient implements ToolClient {
    static final String NAME = "Sentry";
    /** The tool's own API, for a credential that names no other. */
    static final java.net.URI DEFAULT_API = java.net.URI.create("https://sentry.io/api/0");

    private static final Set<ToolOperation> OPERATIONS = SentryOperations.ALL;

    private final ToolHttp http;

    public SentryToolClient(ToolHttp http) {
        this.http = http;
    }

    public SentryToolClient() {
        this(ToolHttp.standard());
    }

    @Override
    public String tool() {
        return SentryConnector.PROVIDER;
    }

    @Override
    public String title() {
        return NAME;
    }

    @Override
    public java.util.Optional<java.net.URI> defaultApiBase() {
        return java.util.Optional.of(DEFAULT_API);
    }

    @Override
    public Set<ToolOperation> operations() {
        return OPERATIONS;
    }

    @Override
    public ToolResult call(ToolCall call, ToolCredential credential) {
        try {
            var args = ToolArguments.of(call, OPERATIONS);
            String issue = "/api/0/issues/"
                    + ToolArguments.segment(args.text("issueId").strip()) + "/";
            return switch (call.operation()) {
                case ToolOperation o
                when SentryOperations.COMMENT.equals(o) -> {
                    ObjectNode body = Json.MAPPER
                            .createObjectNode()
                            .put("text", args.text("text") + "\n\n" + ActionMarker.markdown(call.idempotencyKey()));
                    ToolResult r = send(call, credential, "POST", issue + "comments/", body);
                    yield r instanceof ToolResult.Succeeded s
                            ? new ToolResult.Succeeded(s.status(), s.response(), permalink(credential, issue))
                            : r;
                }
                case ToolOperation o
                when SentryOperations.ASSIGN.equals(o) ->
                    send(
                            call,
                            credential,
                            "PUT",
                            issue,
                            Json.MAPPER
                                    .createObjectNode()
                                    .put("assignedTo", args.text("assignedTo").strip()));
                case ToolOperation o
                when SentryOperations.RESOLVE.equals(o) ->
                    send(
                            call,
                            credential,
                            "PUT",
                            issue,
                            Json.MAPPER.createObjectNode().put("status", "resolved"));
                default -> throw new InvalidToolCall(call.operation() + " is not a Sentry operation");
            };
        } catch (InvalidToolCall e) {
            return e.result();
        } catch (ToolUnreachable e) {
            return e.result();
        }
    }

    @Override
    public Optional<ToolResult.Succeeded> findDone(ToolCall call, ToolCredential credential) {
        try {
            var args = ToolArguments.of(call, OPERATIONS);
            String issue = "/api/0/issues/"
                    + ToolArguments.segment(args.text("issueId").strip()) + "/";
            if (call.operation().equals(SentryOperations.COMMENT)) {
                ToolHttp.Reply notes = http.send(NAME, get(credential, issue + "comments/"));
                if (!notes.ok()) {
                    return Optional.empty();
                }
                for (JsonNode n : notes.body()) {
                    if (ActionMarker.isIn(n.path("data").path("text").asString(""), call.idempotencyKey())) {
                        return Optional.of(new ToolResult.Succeeded(200, n, permalink(credential, issue)));
                    }
                }
                return Optional.empty();
            }
            ToolHttp.Reply reply = http.send(NAME, get(credential, issue));
            if (!reply.ok()) {
                return Optional.empty();
            }
            JsonNode i = reply.body();
            boolean done = call.operation().equals(SentryOperations.RESOLVE)
                    ? "resolved".equals(i.path("status").asString(""))
                    : isAssignedTo(i.path("assignedTo"), args.text("assignedTo").strip());
            return done
                    ? Optional.of(
                            new ToolResult.Succeeded(200, i, i.path("permalink").asString(null)))
                    : Optional.empty();
        } catch (InvalidToolCall | ToolUnreachable e) {
            return Optional.empty();
        }
    }

    /** {@code team:slug}, {@code user:id}, a username or an email, against Sentry's {@code assignedTo}. */
    static boolean isAssignedTo(JsonNode assignedTo, String wanted) {
        if (!assignedTo.isObject()) {
            return false;
        }
        String type = assignedTo.path("type").asString("");
        String w = wanted.toLowerCase(Locale.ROOT);
        if (w.startsWith("team:")) {
            return type.equals("team")
                    && w.substring(5)
                            .equals(assignedTo.path("name").asString("").toLowerCase(Locale.ROOT));
        }
        if (w.startsWith("user:")) {
            return type.equals("user")
                    && w.substring(5).equals(assignedTo.path("id").asString(""));
        }
        return type.equals("user")
                && (w.equals(assignedTo.path("email").asString("").toLowerCase(Locale.ROOT))
                        || w.equals(assignedTo.path("name").asString("").toLowerCase(Locale.ROOT))
                        || w.equals(assignedTo.path("username").asString("").toLowerCase(Locale.ROOT)));
    }

    private String permalink(ToolCredential credential, String issuePath) {
        try {
            ToolHttp.Reply reply = http.send(NAME, get(credential, issuePath));
            return reply.ok() ? reply.body().path("permalink").asString(null) : null;
        } catch (ToolUnreachable e) {
            return null;
        }
    }

    private ToolResult send(ToolCall call, ToolCredential credential, String method, String path, ObjectNode body)
            throws ToolUnreachable {
        HttpRequest request = auth(http.request(credential.apiBase(), path, call), credential)
                .header("Content-Type", "application/json")
                .method(method, ToolHttp.json(body))
                .build();
        ToolHttp.Reply reply = http.send(NAME, request);
        if (reply.ok()) {
            return new ToolResult.Succeeded(
                    reply.status(), reply.body(), reply.body().path("permalink").asString(null));
        }
        return reply.failure(message(reply.body()));
    }

    /** Sentry's errors: {@code {"detail": "..."}}, or per field {@code {"assignedTo": ["..."]}}. */
    static String message(JsonNode body) {
        if (!body.isObject()) {
            return body.asString("");
        }
        if (body.path("detail").isString()) {
            return body.path("detail").asString();
        }
        StringBuilder m = new StringBuilder();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode v = field.getValue();
            String said = v.isArray() && !v.isEmpty() ? v.get(0).asString("") : v.asString("");
            m.append(m.isEmpty() ? "" : "; ")
                    .append(field.getKey())
                    .append(": ")
                    .append(said);
        }
        return m.toString();
    }

    private HttpRequest get(ToolCredential credential, String path) {
        return auth(http.request(credential.apiBase(), path), credential).GET().build();
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, ToolCredential credential) {
        return b.header("Authorization", "Bearer " + credential.token());
    }
}
