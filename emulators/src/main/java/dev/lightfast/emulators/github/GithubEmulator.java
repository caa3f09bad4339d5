package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.Emulator;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's REST API as the tool clients use it, in process. Errors come in GitHub's shape ({@code
 * message}, {@code documentation_url}, {@code status}); the token is a Bearer token.
 */
public final class GithubEmulator extends Emulator {
    private final GithubState state;
    private final GithubRoutes routes;

    public GithubEmulator(String token, String actor) {
        super(token);
        this.state = new GithubState(actor);
        this.routes = new GithubRoutes(state, new GithubWebhooks(state));
    }

    public GithubEmulator(String token) {
        this(token, "lightfast-bot");
    }

    public GithubState state() {
        return state;
    }

    @Override
    public String tool() {
        return "github";
    }

    @Override
    protected EmulatorResponse route(EmulatorRequest request) {
        return routes.route(request);
    }

    @Override
    protected EmulatorResponse unauthorized(EmulatorRequest request) {
        return error(401, "Bad credentials");
    }

    @Override
    protected EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter) {
        return error(
                        429,
                        "API rate limit exceeded for installation. If you reach out to GitHub Support for help,"
                                + " please include the request ID.")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader(
                        "x-ratelimit-reset",
                        Long.toString(Instant.now().plus(retryAfter).getEpochSecond()));
    }

    @Override
    protected EmulatorResponse serverError(EmulatorRequest request) {
        return error(500, "Server Error");
    }

    @Override
    protected Map<String, String> sign(OutgoingWebhook webhook, String secret) {
        return GithubWebhooks.sign(webhook, secret);
    }

    @Override
    public JsonNode stateJson() {
        return state.toJson();
    }

    static EmulatorResponse error(int status, String message) {
        return EmulatorResponse.json(
                status,
                Json.MAPPER
                        .createObjectNode()
                        .put("message", message)
                        .put("documentation_url", "https://docs.github.com/rest")
                        .put("status", Integer.toString(status)));
    }
}
