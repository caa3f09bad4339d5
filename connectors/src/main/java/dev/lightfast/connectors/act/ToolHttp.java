package dev.lightfast.connectors.act;

import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The one way tool clients talk HTTP: a single shared {@link HttpClient} (its connection pool is
 * worth sharing), a connect timeout, a timeout per request, and no answer turned into a {@link
 * ToolResult.Retryable}. Nothing here logs: requests carry tokens.
 */
public final class ToolHttp {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * Built at the first call, not when a client is wired: the JDK's HTTP client reads JVM-wide
     * settings once, when it is first used, and the server sets one of them (outbound webhooks name
     * their Host) as it starts, after the tool clients are made.
     */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private final Duration requestTimeout;
    private final Clock clock;

    public ToolHttp(Duration requestTimeout, Clock clock) {
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    public static ToolHttp standard() {
        return new ToolHttp(REQUEST_TIMEOUT, Clock.systemUTC());
    }

    public Clock clock() {
        return clock;
    }

    /** A request to {@code base + pathAndQuery} with the timeout, our user agent and JSON accepted. */
    public HttpRequest.Builder request(URI base, String pathAndQuery) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return HttpRequest.newBuilder(URI.create(b + pathAndQuery))
                .timeout(requestTimeout)
                .header("User-Agent", "lightfast");
    }

    /** The same, for a call that changes something: it carries the call's idempotency key. */
    public HttpRequest.Builder request(URI base, String pathAndQuery, ToolCall call) {
        return request(base, pathAndQuery).header(IDEMPOTENCY_KEY, call.idempotencyKey());
    }

    public static HttpRequest.BodyPublisher json(JsonNode body) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
    }

    /**
     * @param toolName the tool as people call it, for messages ("GitHub")
     * @throws ToolUnreachable when no answer came: a timeout, a refused or dropped connection
     */
    public Reply send(String toolName, HttpRequest request) throws ToolUnreachable {
        HttpResponse<byte[]> response;
        try {
            response = Shared.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(toolName + " did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + "s");
        } catch (HttpTimeoutException e) {
            throw unreachable(toolName + " did not answer within " + requestTimeout.toMillis() + "ms");
        } catch (ConnectException e) {
            throw unreachable("could not connect to " + toolName + " at "
                    + request.uri().getHost() + ":" + request.uri().getPort() + " (connection refused)");
        } catch (IOException e) {
            throw unreachable(
                    "the connection to " + toolName + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for " + toolName);
        }
        return new Reply(toolName, response.statusCode(), response.headers(), parse(response.body()), clock);
    }

    private static ToolUnreachable unreachable(String message) {
        return new ToolUnreachable(new ToolResult.Retryable(0, null, message));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            // An HTML error page from a proxy: keep its start as text for the message.
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return Json.MAPPER.getNodeFactory().stringNode(text);
        }
    }

    /** A tool's answer: status, headers and the body as JSON (a text node when it was not JSON). */
    public record Reply(String toolName, int status, HttpHeaders headers, JsonNode body, Clock clock) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /**
         * What a non-2xx answer means for the executor: 429 and 5xx are retried (after the tool's
         * {@code Retry-After}); 401 says the token was refused; any other status stops.
         *
         * @param toolMessage the tool's own words for the error, from its error shape
         */
        public ToolResult failure(String toolMessage) {
            String said = toolMessage == null || toolMessage.isBlank() ? "no message" : toolMessage;
            if (status == 429 || status >= 500) {
                return new ToolResult.Retryable(
                        status,
                        RetryAfter.parse(header("Retry-After"), clock.instant()),
                        toolName + " answered " + status + ": " + said);
            }
            if (status == 401) {
                return tokenRefused(toolName, status, said);
            }
            return new ToolResult.Failed(status, toolName + " answered " + status + ": " + said);
        }

        public static ToolResult.Failed tokenRefused(String toolName, int status, String said) {
            return new ToolResult.Failed(
                    status,
                    toolName + " refused the connection's token (" + said + "): it is expired, revoked or"
                            + " wrong; reconnect the " + toolName + " connection with a valid token");
        }
    }
}
