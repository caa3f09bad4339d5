package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anyone may post to {@code /webhooks/...} before anything is known about them. Twelve clients each
 * sending the largest body a webhook may have (25 MB) to a connection that does not exist, at once,
 * against a server whose whole heap is 128 MB: if the server read those bodies before checking the
 * connection it would need 300 MB and fail; it answers each 404 without reading them.
 */
class WebhookMemoryBoundTest {
    private static final int CLIENTS = 12;
    private static final int BODY = 25 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void many_concurrent_oversized_bodies_to_unknown_connections_leave_the_heap_bounded() throws Exception {
        try (var child = ChildServer.start(dir, null, Duration.ofSeconds(120), List.of("-Xmx128m"))) {
            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var replies = new ArrayList<Future<Integer>>();
                for (int i = 0; i < CLIENTS; i++) {
                    String path = i % 2 == 0 ? "/webhooks/nosuchprovider/x" + i : "/webhooks/github/con_nosuch" + i;
                    replies.add(pool.submit(() -> flood(child.base(), path)));
                }
                for (var reply : replies) {
                    statuses.add(reply.get());
                }
            }
            // Each got its 404, or, having been answered while still sending, saw the connection close
            // (-1); none was a failure of the server.
            assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(404, -1));
            assertThat(statuses).contains(404);
            assertThat(child.ranOutOfMemory()).as(child.output()).isFalse();
            assertThat(child.isAlive()).isTrue();
            var health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(child.base() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    /** Sends a 25 MB body the way a hostile client does: all of it, whatever the server says meanwhile. */
    private static int flood(String base, String path) {
        var uri = URI.create(base);
        try (var http = new RawHttp(uri.getPort())) {
            http.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + BODY + "\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < BODY; sent += chunk.length) {
                http.send(chunk);
            }
            return http.read(Duration.ofSeconds(30)).status();
        } catch (RuntimeException closed) {
            return -1;
        }
    }
}
