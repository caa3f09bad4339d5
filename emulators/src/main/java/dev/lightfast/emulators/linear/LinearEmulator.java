package dev.lightfast.emulators.linear;

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
 * Linear's GraphQL endpoint as the tool client uses it. Errors come as GraphQL {@code errors} with
 * {@code extensions.code} ({@code AUTHENTICATION_ERROR}, {@code RATELIMITED}, {@code
 * INVALID_INPUT}) and {@code userPresentableMessage}; the token is accepted bare (a personal API
 * key) or as a Bearer token (OAuth).
 */
public final class LinearEmulator extends Emulator {
    private final LinearState state;
    private final LinearRoutes routes;

    public LinearEmulator(String token, String workspace) {
        super(token);
        this.state = new LinearState(workspace);
        this.routes = new LinearRoutes(state, new LinearWebhooks(state));
    }

    public LinearState state() {
        return state;
    }

    @Override
    public String tool() {
        return "linear";
    }

    @Override
    protected boolean isRead(EmulatorRequest request) {
        return !LinearRoutes.isMutation(request);
    }

    @Override
    protected EmulatorResponse route(EmulatorRequest request) {
        return routes.route(request);
    }

    @Override
    protected EmulatorResponse unauthorized(EmulatorRequest request) {
        return graphqlError(
                401,
                "AUTHENTICATION_ERROR",
                "Authentication required, not authenticated",
                "You need to authenticate to access this operation.");
    }

    @Override
    protected EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter) {
        return graphqlError(429, "RATELIMITED", "Rate limit exceeded", "Too many requests, please try again later.");
    }

    @Override
    protected EmulatorResponse serverError(EmulatorRequest request) {
        return graphqlError(500, "INTERNAL_SERVER_ERROR", "Internal server error", "Something went wrong.");
    }

    @Override
    protected Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return LinearWebhooks.sign(webhook, secret);
    }

    @Override
    public JsonNode stateJson() {
        return state.toJson();
    }

    static EmulatorResponse graphqlError(int status, String code, String message) {
        return graphqlError(status, code, message, message);
    }

    static EmulatorResponse graphqlError(int status, String code, String message, String userMessage) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode e = body.putArray("errors").addObject().put("message", message);
        e.putObject("extensions")
                .put("code", code)
                .put("type", code.toLowerCase().replace('_', ' '))
                .put("userPresentableMessage", userMessage);
        body.putNull("data");
        return EmulatorResponse.json(status, body);
    }
}
