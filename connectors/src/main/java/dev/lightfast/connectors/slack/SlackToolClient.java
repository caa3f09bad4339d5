package dev.lightfast.connectors.slack;

import dev.lightfast.connectors.act.InvalidToolCall;
import dev.lightfast.connectors.act.RetryAfter;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API: {@code chat.postMessage}. Slack answers most errors with HTTP 200 and {@code
 * ok: false} plus an {@code error} code, so the code decides: {@code ratelimited} and Slack's own
 * failures are retried, a refused token says so, anything else stops with Slack's code. The
 * idempotency key travels as message {@code metadata}, which {@link #findDone} reads back with
 * {@code conversations.history}.
 */
public final class SlackToolClient implements ToolClient {
    static final String NAME = "Slack";
    /** The tool's own API, for a credential that names no other. */
    static final java.net.URI DEFAULT_API = java.net.URI.create("https://slack.com/api");

    static final String METADATA_EVENT = "lightfast_action";
    private static final Set<ToolOperation> OPERATIONS = SlackOperations.ALL;
    private static final Set<String> TOKEN_REFUSED = Set.of(
            "not_authed",
            "invalid_auth",
            "token_expired",
            "token_revoked",
            "account_inactive",
            "no_permission",
            "missing_scope",
            "not_allowed_token_type");
    private static final Set<String> SLACK_FAILED =
            Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");

    private final ToolHttp http;

    public SlackToolClient(ToolHttp http) {
        this.http = http;
    }

    public SlackToolClient() {
        this(ToolHttp.standard());
    }

    @Override
    public String tool() {
        return SlackConnector.PROVIDER;
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
            ObjectNode body = Json.MAPPER
                    .createObjectNode()
                    .put("channel", args.text("channel").strip())
                    .put("text", args.text("text"));
            String thread = args.optionalText("threadTs");
            if (thread != null) {
                body.put("thread_ts", thread);
            }
            body.putObject("metadata")
                    .put("event_type", METADATA_EVENT)
                    .putObject("event_payload")
                    .put("idempotency_key", call.idempotencyKey());
            HttpRequest request = auth(http.request(credential.apiBase(), "/api/chat.postMessage", call), credential)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(ToolHttp.json(body))
                    .build();
            ToolHttp.Reply reply = http.send(NAME, request);
            Optional<ToolResult> failed = failure(reply);
            if (failed.isPresent()) {
                return failed.get();
            }
            return new ToolResult.Succeeded(reply.status(), reply.body(), permalink(credential, reply.body()));
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
            Optional<String> channel =
                    channelId(credential, args.text("channel").strip());
            if (channel.isEmpty()) {
                return Optional.empty();
            }
            ToolHttp.Reply reply = http.send(
                    NAME,
                    get(
                            credential,
                            "/api/conversations.history?channel=" + ToolArguments.segment(channel.get())
                                    + "&limit=200&include_all_metadata=true"));
            if (failure(reply).isPresent()) {
                return Optional.empty();
            }
            for (JsonNode m : reply.body().path("messages")) {
                JsonNode meta = m.path("metadata");
                if (METADATA_EVENT.equals(meta.path("event_type").asString(""))
                        && call.idempotencyKey()
                                .equals(meta.path("event_payload")
                                        .path("idempotency_key")
                                        .asString(""))) {
                    ObjectNode found = Json.MAPPER
                            .createObjectNode()
                            .put("ok", true)
                            .put("channel", channel.get())
                            .put("ts", m.path("ts").asString(""));
                    found.set("message", m);
                    return Optional.of(new ToolResult.Succeeded(200, found, permalink(credential, found)));
                }
            }
            return Optional.empty();
        } catch (InvalidToolCall | ToolUnreachable e) {
            return Optional.empty();
        }
    }

    /** A channel id as given, or a #name looked up with {@code conversations.list}. */
    private Optional<String> channelId(ToolCredential credential, String channel) throws ToolUnreachable {
        if (channel.matches("[CGD][A-Z0-9]{2,}")) {
            return Optional.of(channel);
        }
        String name = channel.startsWith("#") ? channel.substring(1) : channel;
        ToolHttp.Reply reply = http.send(
                NAME, get(credential, "/api/conversations.list?limit=1000&types=public_channel,private_channel"));
        if (failure(reply).isPresent()) {
            return Optional.empty();
        }
        for (JsonNode c : reply.body().path("channels")) {
            if (name.equals(c.path("name").asString(""))) {
                return Optional.of(c.path("id").asString());
            }
        }
        return Optional.empty();
    }

    /** The message's link, from {@code chat.getPermalink}; null when Slack does not give it. */
    private String permalink(ToolCredential credential, JsonNode posted) {
        String channel = posted.path("channel").asString("");
        String ts = posted.path("ts").asString("");
        if (channel.isEmpty() || ts.isEmpty()) {
            return null;
        }
        try {
            ToolHttp.Reply reply = http.send(
                    NAME,
                    get(
                            credential,
                            "/api/chat.getPermalink?channel=" + ToolArguments.segment(channel) + "&message_ts="
                                    + ToolArguments.segment(ts)));
            return failure(reply).isPresent()
                    ? null
                    : reply.body().path("permalink").asString(null);
        } catch (ToolUnreachable e) {
            return null;
        }
    }

    /** Slack's verdict: HTTP 429 and 5xx first, then {@code ok: false} with its error code. */
    static Optional<ToolResult> failure(ToolHttp.Reply reply) {
        String error = reply.body().path("error").asString("");
        if (!reply.ok()) {
            return Optional.of(reply.failure(error.isEmpty() ? "HTTP " + reply.status() : error));
        }
        if (reply.body().path("ok").asBoolean(false)) {
            return Optional.empty();
        }
        if (error.equals("ratelimited")) {
            return Optional.of(new ToolResult.Retryable(
                    429,
                    RetryAfter.parse(reply.header("Retry-After"), reply.clock().instant()),
                    NAME + " answered ratelimited"));
        }
        if (TOKEN_REFUSED.contains(error)) {
            return Optional.of(ToolHttp.Reply.tokenRefused(NAME, 401, error));
        }
        if (SLACK_FAILED.contains(error)) {
            return Optional.of(new ToolResult.Retryable(503, null, NAME + " answered " + error));
        }
        return Optional.of(new ToolResult.Failed(
                400, NAME + " answered " + (error.isEmpty() ? "ok: false without an error code" : error)));
    }

    private HttpRequest get(ToolCredential credential, String path) {
        return auth(http.request(credential.apiBase(), path), credential).GET().build();
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder b, ToolCredential credential) {
        return b.header("Authorization", "Bearer " + credential.token());
    }
}
