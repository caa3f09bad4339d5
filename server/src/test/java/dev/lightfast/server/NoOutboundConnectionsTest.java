package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.util.Utils;
import dev.lightfast.search.OfflineModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lightfast runs inside a team's network and reaches no address its operator did not configure: a
 * server that starts, embeds a text and answers a search asks for no connection beyond loopback.
 * A URL connection opened the ordinary way asks the default {@link ProxySelector} first, so a
 * recording one sees those. DJL, the embedding model's tokenizer library, opens its usage report
 * with an explicit {@code Proxy.NO_PROXY}, which skips the selector; its own switches, which it
 * reads before connecting, are checked instead. (`.ci/run` also traces the real server's
 * {@code connect} calls with strace.)
 */
class NoOutboundConnectionsTest {

    /** Records every URI the JVM is about to connect to and lets it go direct. */
    static final class RecordingProxySelector extends ProxySelector {
        final List<URI> outside = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            if (!isLoopback(uri.getHost())) {
                outside.add(uri);
            }
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}

        private static boolean isLoopback(String host) {
            if (host == null) {
                return true; // a URI without a host names no machine
            }
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    @Test
    void a_server_that_embeds_and_searches_connects_nowhere_but_loopback(@TempDir Path dir) {
        var recorder = new RecordingProxySelector();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(recorder);
        try (var server = new TestServer(dir)) {
            var tenant = server.tenant("acme");
            var posted = server.post(
                    "/v1/events",
                    tenant.apiKey(),
                    Map.of(
                            "source", "api",
                            "type", "note.created",
                            "title", "the gateway retry fix shipped",
                            "idempotencyKey", "no-outbound-1"));
            assertThat(posted.status()).isEqualTo(201);
            server.awaitProjected(tenant);
            var found = server.get("/v1/search?q=gateway+retries&mode=vector", tenant.apiKey());
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.get("hits")).isNotEmpty();

            assertThat(recorder.outside).as("connections outside loopback").isEmpty();
            // The library's own switches, read when it acts (it checks them before it connects).
            assertThat(Utils.isOfflineMode()).isTrue();
            assertThat(Boolean.parseBoolean(Utils.getEnvOrSystemProperty(OfflineModels.OPT_OUT_TRACKING)))
                    .isTrue();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }

    @Test
    void the_recorder_sees_a_connection_to_the_cloud_metadata_address() throws Exception {
        // The guard above would pass vacuously if URL connections did not consult the selector.
        var recorder = new RecordingProxySelector();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(recorder);
        try {
            var connection = URI.create("http://169.254.169.254/latest/api/token")
                    .toURL()
                    .openConnection();
            connection.setConnectTimeout(1);
            try {
                connection.connect();
            } catch (IOException expected) {
                // nothing answers here; what matters is that the attempt was seen
            }
            assertThat(recorder.outside).extracting(URI::getHost).containsExactly("169.254.169.254");
        } finally {
            ProxySelector.setDefault(previous);
        }
    }
}
