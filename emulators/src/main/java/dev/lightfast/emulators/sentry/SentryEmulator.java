package dev.lightfast.emulators.sentry;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.Emulator;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Sentry's issue API as the tool client uses it; errors as {@code {"detail": "..."}}. */
public final class SentryEmulator extends Emulator {
    private final SentryState state;
    private final SentryRoutes routes;

    public SentryEmulator(String token, String org) {
        super(token);
        this.state = new SentryState(org);
        this.routes = new SentryRoutes(state, new SentryWebhooks(state));
    }

    public SentryState state() {
        return state;
    }

    @Override
    public String tool() {
        return "sentry";
    }

    @Override
    protected EmulatorResponse route(EmulatorRequest request) {
        return routes.route(request);
    }

    @Override
    protected EmulatorResponse unauthorized(EmulatorRequest request) {
        return detail(401, "Invalid token");
    }

    @Override
    protected EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter) {
        return detail(429, "You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds");
    }

    @Override
    protected EmulatorResponse serverError(EmulatorRequest request) {
        return detail(500, "Internal Error");
    }

    @Override
    protected Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return SentryWebhooks.sign(webhook, secret);
    }

    @Override
    public JsonNode stateJson() {
        return state.toJson();
    }

    static EmulatorResponse detail(int status, String message) {
        return EmulatorResponse.json(status, Json.MAPPER.createObjectNode().put("detail", message));
    }
}
