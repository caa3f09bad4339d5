package dev.lightfast.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part every tool's emulator shares: an HTTP server on a random loopback port, the failure
 * switches, the call log, the token check and the webhook sender; and the control routes under
 * {@code /_emulator} ({@code POST fail}, {@code POST reset}, {@code GET calls}, {@code GET state},
 * {@code POST webhooks}, {@code GET webhooks}), so that a test in another process can drive it.
 * A tool's subclass supplies its routes and its error shapes.
 */
public abstract class Emulator implements AutoCloseable {
    private static final String CONTROL = "/_emulator";

    private final Switches switches = new Switches();
    private final CallLog calls = new CallLog();
    private final WebhookSender webhooks = new WebhookSender();
    private volatile String token;
    private volatile WebhookTarget target;
    private HttpServer server;
    private ExecutorService executor;

    protected Emulator(String token) {
        this.token = token;
    }

    /** The tool's name, as in {@code ToolOperation.tool()}. */
    public abstract String tool();

    /** The tool's answer to a call it has already checked the token of. */
    protected abstract EmulatorResponse route(EmulatorRequest request);

    /** 401 in the tool's error shape. */
    protected abstract EmulatorResponse unauthorized(EmulatorRequest request);

    /** 429 with {@code Retry-After}, in the tool's error shape. */
    protected abstract EmulatorResponse rateLimited(EmulatorRequest request, Duration retryAfter);

    /** A secondary limit's answer, with {@code Retry-After}; as {@link #rateLimited} unless the tool differs. */
    protected EmulatorResponse secondaryRateLimited(EmulatorRequest request, Duration retryAfter) {
        return rateLimited(request, retryAfter);
    }

    /**
     * The tool's own limit on an authorized call, counted before it is routed: an answer refusing
     * it (or, for the tool's own limit-status route, answering it uncounted), or empty to let it
     * through. None by default.
     */
    protected Optional<EmulatorResponse> admit(EmulatorRequest request) {
        return Optional.empty();
    }

    /** Headers the tool adds to every answer (its rate-limit state); none by default. */
    protected EmulatorResponse decorate(EmulatorRequest request, EmulatorResponse response) {
        return response;
    }

    /** 500 in the tool's error shape. */
    protected abstract EmulatorResponse serverError(EmulatorRequest request);

    /** The headers the tool sends with a webhook, its signature under {@code secret} among them. */
    protected abstract java.util.Map<String, String> sign(OutgoingWebhook webhook, String secret);

    /** The whole state as JSON, for {@code GET /_emulator/state}. */
    public abstract JsonNode stateJson();

    /** Whether a call only reads: reads never count as having taken effect. */
    protected boolean isRead(EmulatorRequest request) {
        return request.method().equals("GET");
    }

    protected boolean authorized(EmulatorRequest request) {
        return token.equals(request.token());
    }

    /** Starts listening on a free loopback port. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends Emulator> T start() {
        if (server != null) {
            return (T) this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on a loopback port", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return (T) this;
    }

    /** The API's base address, as a {@code ToolCredential.apiBase()}. */
    public URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("start() the emulator first");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Switches switches() {
        return switches;
    }

    public CallLog calls() {
        return calls;
    }

    public java.util.List<WebhookSender.Sent> webhooksSent() {
        return webhooks.sent();
    }

    /** Sends the tool's webhooks for every change from now on; null stops them. */
    public void webhooksTo(WebhookTarget target) {
        this.target = target;
    }

    public Optional<WebhookTarget> webhookTarget() {
        return Optional.ofNullable(target);
    }

    /** The token the API accepts from now on (a rotated or revoked token). */
    public void acceptToken(String token) {
        this.token = token;
    }

    /** Clears the switches, the call log and the webhook log; the tool's state stays. */
    public void reset() {
        switches.clear();
        calls.clear();
        webhooks.clear();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            EmulatorRequest request = EmulatorRequest.of(
                    exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body);
            if (request.path().startsWith(CONTROL + "/")) {
                write(exchange, control(request));
                return;
            }
            Answer answer = answer(request);
            EmulatorResponse response = decorate(request, answer.response());
            boolean tookEffect = !isRead(request) && response.status() >= 200 && response.status() < 300;
            calls.record(
                    new CallLog.Call(
                            request.method(),
                            request.path(),
                            request.idempotencyKey(),
                            response.status(),
                            answer.failure()),
                    tookEffect);
            try {
                write(exchange, response);
            } catch (IOException clientGone) {
                // A slow answer outlived the client's timeout: the call was still done.
            }
            WebhookTarget t = target;
            if (t != null && tookEffect) {
                response.webhooks().forEach(w -> webhooks.send(t, w, sign(w, t.secret())));
            }
        }
    }

    /** A response, and the switch that made it (null when none did). */
    private record Answer(EmulatorResponse response, String failure) {}

    private Answer answer(EmulatorRequest request) {
        Optional<Switches.Failure> failure = switches.next();
        String switched = failure.map(f -> f.mode().wire()).orElse(null);
        if (failure.isPresent()) {
            Switches.Failure f = failure.get();
            switch (f.mode()) {
                case EXPIRED_TOKEN -> {
                    return new Answer(unauthorized(request), switched);
                }
                case RATE_LIMIT -> {
                    return new Answer(
                            rateLimited(request, f.retryAfter())
                                    .withHeader(
                                            "Retry-After",
                                            Long.toString(f.retryAfter().toSeconds())),
                            switched);
                }
                case SECONDARY_RATE_LIMIT -> {
                    return new Answer(
                            secondaryRateLimited(request, f.retryAfter())
                                    .withHeader(
                                            "Retry-After",
                                            Long.toString(f.retryAfter().toSeconds())),
                            switched);
                }
                case SERVER_ERROR -> {
                    return new Answer(serverError(request), switched);
                }
                case SLOW -> sleep(f.slowFor());
            }
        }
        if (!authorized(request)) {
            return new Answer(unauthorized(request), switched);
        }
        Optional<EmulatorResponse> refused = admit(request);
        if (refused.isPresent()) {
            return new Answer(refused.get(), refused.get().status() >= 400 ? "over_limit" : null);
        }
        try {
            return new Answer(route(request), switched);
        } catch (RuntimeException e) {
            return new Answer(serverError(request), switched);
        }
    }

    private EmulatorResponse control(EmulatorRequest request) {
        String what = request.method() + " " + request.path().substring(CONTROL.length());
        JsonNode body = request.json();
        ObjectNode out = Json.MAPPER.createObjectNode();
        switch (what) {
            case "POST /fail" -> {
                try {
                    switches.fail(
                            FailureMode.parse(body.path("mode").asString("")),
                            intOrNull(body, "times"),
                            intOrNull(body, "nthCall"),
                            intOrNull(body, "retryAfterSeconds"),
                            intOrNull(body, "slowMillis"));
                } catch (IllegalArgumentException e) {
                    return EmulatorResponse.json(400, out.put("error", e.getMessage()));
                }
                var active = out.putArray("active");
                switches.active()
                        .forEach(f -> active.addObject()
                                .put("mode", f.mode().wire())
                                .put("nthCall", f.fromCall())
                                .put("times", f.times()));
                return EmulatorResponse.json(200, out);
            }
            case "POST /reset" -> {
                reset();
                return EmulatorResponse.json(200, out.put("reset", true));
            }
            case "GET /calls" -> {
                var all = calls.all();
                out.put("total", all.size());
                out.set("received", Json.MAPPER.valueToTree(calls.receivedByKey()));
                out.set("applied", Json.MAPPER.valueToTree(calls.appliedByKey()));
                out.set("calls", Json.MAPPER.valueToTree(all));
                return EmulatorResponse.json(200, out);
            }
            case "GET /state" -> {
                return EmulatorResponse.json(200, stateJson());
            }
            case "POST /webhooks" -> {
                String url = body.path("url").asString("");
                String secret = body.path("secret").asString("");
                if (url.isBlank() || secret.isBlank()) {
                    return EmulatorResponse.json(400, out.put("error", "url and secret are required"));
                }
                webhooksTo(new WebhookTarget(URI.create(url), secret));
                return EmulatorResponse.json(200, out.put("url", url));
            }
            case "GET /webhooks" -> {
                var list = out.putArray("sent");
                webhooks.sent()
                        .forEach(s -> list.addObject()
                                .put("event", s.event())
                                .put("status", s.status())
                                .put("error", s.error()));
                return EmulatorResponse.json(200, out);
            }
            default -> {
                return EmulatorResponse.json(404, out.put("error", "no emulator control route " + what));
            }
        }
    }

    private static Integer intOrNull(JsonNode body, String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange exchange, EmulatorResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
