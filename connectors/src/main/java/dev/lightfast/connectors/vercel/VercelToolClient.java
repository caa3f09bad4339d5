package dev.lightfast.connectors.vercel;

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
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Vercel's REST API: instant rollback, {@code POST /v1/projects/{projectId}/rollback/{deploymentId}},
 * which points the project's production domains at an earlier deployment. Rolling back to where
 * production already points changes nothing, so {@link #findDone} asks the project which
 * deployment serves production ({@code GET /v9/projects/{id}}, {@code targets.production.id}).
 * Optional arguments: {@code teamId}, {@code description}.
 */
public final class VercelToolClient implements ToolClient {
    static final String NAME = "Vercel";
    /** The tool's own API, for a credential that names no other. */
    static final java.net.URI DEFAULT_API = java.net.URI.create("https://api.vercel.com");

    private static final Set<ToolOperation> OPERATIONS = VercelOperations.ALL;

    private final ToolHttp http;

    public VercelToolClient(ToolHttp http) {
        this.http = http;
    }

    public VercelToolClient() {
        this(ToolHttp.standard());
    }

    @Override
    public String tool() {
        return VercelConnector.PROVIDER;
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
            String deployment = args.text("deploymentId").strip();
            String path = "/v1/projects/"
                    + ToolArguments.segment(args.text("projectId").strip()) + "/rollback/"
                    + ToolArguments.segment(deployment) + query(args, true);
            HttpRequest request = auth(http.request(credential.apiBase(), path, call), credential)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            ToolHttp.Reply reply = http.send(NAME, request);
            if (!reply.ok()) {
                return reply.failure(message(reply.body()));
            }
            return new ToolResult.Succeeded(reply.status(), reply.body(), deploymentUrl(credential, deployment, args));
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
            String deployment = args.text("deploymentId").strip();
            ToolHttp.Reply reply = http.send(
                    NAME,
                    get(
                            credential,
                            "/v9/projects/"
                                    + ToolArguments.segment(
                                            args.text("projectId").strip()) + query(args, false)));
            if (reply.ok()
                    && deployment.equals(reply.body()
                            .path("targets")
                            .path("production")
                            .path("id")
                            .asString(""))) {
                return Optional.of(
                        new ToolResult.Succeeded(200, reply.body(), deploymentUrl(credential, deployment, args)));
            }
            return Optional.empty();
        } catch (InvalidToolCall | ToolUnreachable e) {
            return Optional.empty();
        }
    }

    private String deploymentUrl(ToolCredential credential, String deployment, ToolArguments args) {
        try {
            ToolHttp.Reply reply = http.send(
                    NAME,
                    get(credential, "/v13/deployments/" + ToolArguments.segment(deployment) + query(args, false)));
            String url = reply.ok() ? reply.body().path("url").asString("") : "";
            return url.isEmpty() ? null : "https://" + url;
        } catch (ToolUnreachable e) {
            return null;
        }
    }

    private static String query(ToolArguments args, boolean withDescription) {
        StringBuilder q = new StringBuilder();
        String team = args.optionalText("teamId");
        if (team != null) {
            q.append("teamId=").append(ToolArguments.segment(team));
        }
        String description = withDescription ? args.optionalText("description") : null;
        if (description != null) {
            q.append(q.isEmpty() ? "" : "&").append("description=").append(ToolArguments.segment(description));
        }
        return q.isEmpty() ? "" : "?" + q;
    }

    /** Vercel's errors: {@code {"error": {"code", "message"}}}. */
    static String message(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            String code = error.path("code").asString("");
            String message = error.path("message").asString("");
            return code.isEmpty() ? message : message + " (" + code + ")";
        }
        return body.isString() ? body.asString() : Json.MAPPER.writeValueAsString(body);
    }

    private HttpRequest get(ToolCredential credential, String path) {
        return auth(http.request(credential.apiBase(), path), credential).GET().build();
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, ToolCredential credential) {
        return b.header("Authorization", "Bearer " + credential.token());
    }
}
