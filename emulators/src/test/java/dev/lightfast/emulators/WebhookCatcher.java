package dev.lightfast.emulators;

import com.sun.net.httpserver.HttpServer;
import dev.lightfast.core.connector.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the server's webhook ingress: keeps every request it receives, answers 202. */
public final class WebhookCatcher implements AutoCloseable {
    private final HttpServer server;
    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();

    public WebhookCatcher() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                received.add(new WebhookRequest(headers, in.readAllBytes()));
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/test/conn_1");
    }

    /** The emulator sends after answering: by the time a client call returns, it may still be on its way. */
    public List<WebhookRequest> awaitAtLeast(int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
