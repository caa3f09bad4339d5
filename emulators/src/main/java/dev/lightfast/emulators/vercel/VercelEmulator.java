package dev.lightfast.emulators.vercel;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.Emulator;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Vercel's REST API for instant rollback; errors as {@code {"error": {"code", "message"}}}. Sends no webhooks. */
public final class VercelEmulator extends Emulator {
    private final VercelState state = new VercelState();
    private final VercelRoutes routes = new VercelRoutes(state);

    public VercelEmulator(String token) {
        super(token);
    }

    public VercelState state() {
        return state;
    }

    @Override
    public String tool() {
        return "vercel";
    }

    @Override
    protected EmulatorResponse route(EmulatorRequest request) {
        return routes.route(request);
    }

    @Override
    protected EmulatorResponse unauthorized(EmulatorRequest request) {
        return error(401, "forbidden", "Not authorized: the token is invalid or expired");
    }

    @Override
    protected EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter) {
        return error(429, "rate_limited", "Rate limit exceeded");
    }

    @Override
    protected EmulatorResponse serverError(EmulatorRequest request) {
        return error(500, "internal_server_error", "An unexpected internal error occurred");
    }

    @Override
    protected Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return Map.of();
    }

    @Override
    public JsonNode stateJson() {
        return state.toJson();
    }

    static EmulatorResponse error(int status, String code, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return EmulatorResponse.json(status, body);
    }
}
