package dev.lightfast.core.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A webhook endpoint a test scripts: answers in turn from a queue (then {@code otherwise}), and
 * remembers every request with the test clock's time.
 */
public final class ScriptedSender implements WebhookSender {
    /** One request as the endpoint saw it. */
    public record Request(Instant at, String url, Map<String, String> headers, byte[] body) {
        public String id() {
            return headers.get("webhook-id");
        }
    }

    private final Clock clock;
    private final Deque<SendResult> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private Function<Request, SendResult> otherwise = r -> ok();

    public ScriptedSender(Clock clock) {
        this.clock = clock;
    }

    public static SendResult ok() {
        return SendResult.answered(200, Duration.ofMillis(1), "ok", null);
    }

    public static SendResult status(int status) {
        return SendResult.answered(status, Duration.ofMillis(1), "status " + status, null);
    }

    public static SendResult tooMany(Duration retryAfter) {
        return SendResult.answered(429, Duration.ofMillis(1), "slow down", retryAfter);
    }

    public static SendResult timeout() {
        return SendResult.failed(
                dev.lightfast.core.subscription.AttemptOutcome.TIMEOUT, Duration.ofSeconds(15), "no answer in 15 s");
    }

    public synchronized ScriptedSender then(SendResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    public synchronized ScriptedSender otherwise(Function<Request, SendResult> answer) {
        this.otherwise = answer;
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized SendResult send(String url, Map<String, String> headers, byte[] body) {
        var request = new Request(clock.instant(), url, Map.copyOf(headers), body);
        requests.add(request);
        return script.isEmpty() ? otherwise.apply(request) : script.poll();
    }
}
