package dev.lightfast.server.outbound;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import dev.lightfast.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint on this machine, as a subscriber runs one: it records every request and
 * answers as each path is told to (200 unless told otherwise). Verification is the Standard
 * Webhooks library's own.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String id() {
            return header("webhook-id");
        }

        public String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        /** Verifies with the spec's library; throws when the signature does not hold. */
        public void verify(String secret) throws WebhookVerificationException {
            try {
                new Webhook(secret).verify(body, headers);
            } catch (EmptyWebhookSecretException e) {
                throw new IllegalArgumentException("no secret given", e);
            }
        }

        public boolean verifies(String secret) {
            try {
                verify(secret);
                return true;
            } catch (WebhookVerificationException e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, ToIntFunction<Received>> answers = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = new TreeMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            var r = new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8));
            synchronized (received) {
                received.add(r);
                received.notifyAll();
            }
            int status = answers.getOrDefault(r.path(), x -> 200).applyAsInt(r);
            byte[] answer = ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How requests to {@code path} are answered: the status (the function may also wait). */
    public void answer(String path, ToIntFunction<Received> status) {
        answers.put(path, status);
    }

    public List<Received> received(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** Waits until {@code done} holds, at most {@code timeout}; false if it never did. */
    public boolean await(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 100_000_000L))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits for at least {@code n} requests to {@code path}. */
    public List<Received> await(String path, int n, Duration timeout) {
        if (!await(() -> received(path).size() >= n, timeout)) {
            throw new AssertionError("expected " + n + " requests to " + path + " within " + timeout + "; got "
                    + received(path).size());
        }
        return received(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
