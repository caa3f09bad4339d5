package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.Emulator;
import dev.lightfast.emulators.EmulatorRequest;
import dev.lightfast.emulators.EmulatorResponse;
import dev.lightfast.emulators.OutgoingWebhook;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's REST API as the tool clients use it, in process. Errors come in GitHub's shape ({@code
 * message}, {@code documentation_url}, {@code status}); the token is a Bearer token.
 */
public final class GithubEmulator extends Emulator {
    private final GithubState state;
    private final GithubRoutes routes;
    private final java.time.Clock clock;
    private final GithubRateLimit rateLimit;
    private volatile GithubHistoryRoutes history;

    /**
     * @param clock what the rate-limit windows and {@code x-ratelimit-reset} are counted on; a test
     *     shares a {@link dev.lightfast.emulators.ManualClock} with the client's waits
     */
    public GithubEmulator(String token, String actor, java.time.Clock clock) {
        super(token);
        this.state = new GithubState(actor);
        this.routes = new GithubRoutes(state, new GithubWebhooks(state));
        this.clock = clock;
        this.rateLimit = new GithubRateLimit(clock);
    }

    public GithubEmulator(String token, String actor) {
        this(token, actor, java.time.Clock.systemUTC());
    }

    /** Serves {@code history}'s repositories through the read API (beside the state's own). */
    public GithubEmulator serve(GithubHistory history) {
        this.history = new GithubHistoryRoutes(history);
        return this;
    }

    /** The primary and secondary limits: off until {@link GithubRateLimit#on}. */
    public GithubRateLimit rateLimit() {
        return rateLimit;
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
        GithubHistoryRoutes h = history;
        if (h != null) {
            var answer = h.route(request);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        return routes.route(request);
    }

    @Override
    protected java.util.Optional<EmulatorResponse> admit(EmulatorRequest request) {
        return rateLimit.admit(request.path());
    }

    @Override
    protected EmulatorResponse decorate(EmulatorRequest request, EmulatorResponse response) {
        return rateLimit.decorate(response);
    }

    @Override
    protected EmulatorResponse secondaryRateLimited(EmulatorRequest request, Duration retryAfter) {
        rateLimit.secondaryGiven(retryAfter);
        return error(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
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
                        Long.toString(clock.instant().plus(retryAfter).getEpochSecond()));
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
