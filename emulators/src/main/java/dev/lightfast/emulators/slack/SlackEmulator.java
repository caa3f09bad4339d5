package dev.lightfast.emulators.slack;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.Emulator;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API as the tool client uses it. Like Slack, it answers a refused token with HTTP 200
 * and {@code {"ok": false, "error": "invalid_auth"}} ({@code token_expired} when the switch is on),
 * and a rate limit with HTTP 429, {@code Retry-After} and {@code ratelimited}.
 */
public final class SlackEmulator extends Emulator {
    private final SlackState state = new SlackState();
    private final SlackRoutes routes = new SlackRoutes(state, new SlackWebhooks());

    public SlackEmulator(String token) {
        super(token);
    }

    public SlackState state() {
        return state;
    }

    @Override
    public String tool() {
        return "slack";
    }

    @Override
    protected boolean isRead(EmulatorRequest request) {
        return SlackRoutes.READS.stream().anyMatch(m -> request.path().equals("/api/" + m));
    }

    @Override
    protected EmulatorResponse route(EmulatorRequest request) {
        return routes.route(request);
    }

    @Override
    protected EmulatorResponse unauthorized(EmulatorRequest request) {
        String token = request.token();
        String code = token == null || token.isBlank()
                ? "not_authed"
                : authorized(request) ? "token_expired" : "invalid_auth";
        return EmulatorResponse.json(200, error(code));
    }

    @Override
    protected EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter) {
        return EmulatorResponse.json(429, error("ratelimited"));
    }

    @Override
    protected EmulatorResponse serverError(EmulatorRequest request) {
        return EmulatorResponse.json(500, error("internal_error"));
    }

    @Override
    protected Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return SlackWebhooks.sign(webhook, secret);
    }

    @Override
    public JsonNode stateJson() {
        return state.toJson();
    }

    static ObjectNode error(String code) {
        return Json.MAPPER.createObjectNode().put("ok", false).put("error", code);
    }
}
